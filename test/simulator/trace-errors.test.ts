import { describeReplays } from './helpers/replay-suite';

describeReplays('recorded error scenarios', ['errors', 'websocket-errors', 'misc']);
