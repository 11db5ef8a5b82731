import { describeReplays } from './helpers/replay-suite';

describeReplays('recorded events-socket scenarios', ['same-app-second-connection', 'two-apps-and-reconnect', 'server-shutdown']);
