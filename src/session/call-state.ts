/**
 * Where a call stands from the app's side. It is `Live` until the app ends
 * its part (hangs up, transfers to a queue, continues in the dialplan) or the
 * channel goes away under a request. A caller hangup is the control port's
 * abort signal, not a state here: it can come at any moment, also after the
 * app has ended its part.
 */
export enum CallState {
  /** Steps may use the channel. */
  Live = 'live',
  /** The channel went away under a request (Asterisk said it is gone, or a playback ended by hangup). */
  Gone = 'gone',
  /** The app hung it up. */
  HungUp = 'hung_up',
  /** The app continued it into the queues context. */
  Transferred = 'transferred',
  /** The app continued it in the dialplan. */
  Continued = 'continued',
}

/** The states in which the app itself ended its part in the call. */
export type CallExit = CallState.HungUp | CallState.Transferred | CallState.Continued;

/**
 * Every legal transition. An exit the app asked for and Asterisk confirmed
 * wins over a `Gone` seen meanwhile (a playback that ended because our own
 * hangup went through); once ended, a call never becomes live again, and the
 * first exit stays.
 */
const TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = {
  [CallState.Live]: [CallState.Gone, CallState.HungUp, CallState.Transferred, CallState.Continued],
  [CallState.Gone]: [CallState.HungUp, CallState.Transferred, CallState.Continued],
  [CallState.HungUp]: [],
  [CallState.Transferred]: [],
  [CallState.Continued]: [],
};

/** True when a call in state `from` may move to `to`. */
export function canTransition(from: CallState, to: CallState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True for the states in which the app ended its part in the call. */
export function isExit(state: CallState): state is CallExit {
  return state === CallState.HungUp || state === CallState.Transferred || state === CallState.Continued;
}
