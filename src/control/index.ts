/** The public surface of src/control/: what other folders may import. */
export { HANGUP_REASONS, type Bridge, type CallControl, type CallEnd, type ChannelInfo, type DialplanTarget, type HangupReason, type OriginateOptions, type OutboundLeg, type OutboundState, type Playback, type PlaybackEnd, type RecordOptions, type Recording, type RecordingResult } from './call-control';
export type { IncomingCall } from './incoming-call';
