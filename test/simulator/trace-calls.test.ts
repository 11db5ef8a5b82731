import { describeReplays } from './helpers/replay-suite';

describeReplays('recorded SIP call scenarios', [
  'inbound-sip-answer-play-hangup',
  'inbound-sip-dtmf',
  'caller-hangs-up-during-playback',
  'stasis-start-args',
  'playback-controls',
]);
