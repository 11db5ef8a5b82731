/** The public surface of src/session/: what other folders may import. */
export { HANDLER_FLOW_PREFIX, type CallHandler, type CodeRouting } from './call-handlers';
export type { CallMenuOptions } from './call-menu';
export { runCallSession, startCallSession, type ForwardHandler, type SessionEnd, type SessionOutcome, type SessionResult } from './call-session';
export { VoxtraCall } from './call';
export { forwardCall } from './forward';
export { isHangupError } from './hangup-errors';
export { combineObservers, recordEvents, type ObservedEvent, type SessionObserver } from './observer';
