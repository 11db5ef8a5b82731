/**
 * Where a channel in Stasis is on its way out, as its {@link AriCallControl}
 * sees it. Every state but `Live` has `signal` aborted: nothing more is sent.
 *
 * ```
 * Live ──ChannelHangupRequest──► HangupRequested ──┐
 *  │ └──404/409/412 answer──► Gone ──Hangup─┘      ├──StasisEnd, ChannelDestroyed, grace timer,──► Ended ──► Released
 *  └───────────────────────────────────────────────┘  reconciliation, dispose()
 * ```
 */
export enum ChannelEndState {
  /** In Stasis: channel operations are sent. */
  Live = 'live',
  /** Asterisk sent ChannelHangupRequest; its cause and `soft` say who asked. StasisEnd follows. */
  HangupRequested = 'hangup-requested',
  /** ARI answered a request with "gone" (404/409/412) before any hangup request; StasisEnd is awaited for a grace period. */
  Gone = 'gone',
  /** `ended` settled. */
  Ended = 'ended',
  /** Listeners released, media settled, legs hung up, bridges destroyed. */
  Released = 'released',
}

const TRANSITIONS: Readonly<Record<ChannelEndState, readonly ChannelEndState[]>> = {
  [ChannelEndState.Live]: [ChannelEndState.HangupRequested, ChannelEndState.Gone, ChannelEndState.Ended],
  [ChannelEndState.HangupRequested]: [ChannelEndState.Ended],
  [ChannelEndState.Gone]: [ChannelEndState.HangupRequested, ChannelEndState.Ended],
  [ChannelEndState.Ended]: [ChannelEndState.Released],
  [ChannelEndState.Released]: [],
};

/** `to` when the move from `from` is legal; throws otherwise (a bug in the caller, which checks first). */
export function channelEndTransition(from: ChannelEndState, to: ChannelEndState): ChannelEndState {
  if (!TRANSITIONS[from].includes(to)) throw new Error(`illegal channel end transition: ${from} -> ${to}`);
  return to;
}

/** True once `ended` has settled. */
export const hasEnded = (state: ChannelEndState): boolean => state === ChannelEndState.Ended || state === ChannelEndState.Released;
