import { describeReplays } from './helpers/replay-suite';

describeReplays('recorded continue, originate, dial and bridge scenarios', [
  'continue-to-queue',
  'continue-to-queue-subscribed',
  'originate-dial-bridge',
  'create-dial-bridge-remote-hangup',
]);
