/**
 * Event types no part of Voxtra reads: the application event filter
 * (`PUT /applications/{app}/eventFilter`, Asterisk 16.3 and later) keeps them
 * off the events socket. A `disallowed` list, not an `allowed` one: whatever
 * a flow or a later part may come to read still arrives, and RESTResponse
 * frames (which the filter also applies to, PERF-NOTES) are never held back.
 * On a real Asterisk the five ChannelVarset events chan_pjsip sets at hangup
 * (RTP quality) are 3.5 KB of a plain call's 6.7 KB of events; each one is
 * JSON the client would parse and drop.
 */
export const UNREAD_EVENT_TYPES: readonly string[] = Object.freeze(['ChannelVarset', 'ChannelDialplan', 'ChannelCallerId', 'ChannelConnectedLine', 'PlaybackStarted', 'PlaybackContinuing']);

/**
 * Event types only outbound legs (the `dial` step, `call.dial` in code)
 * read: a leg that is never answered never enters Stasis, so its ringing and
 * its end come only as ChannelStateChange and ChannelDestroyed. A call's own
 * channel ends with StasisEnd (after it the app hears no ChannelDestroyed:
 * the inbound traces from Asterisk 22), so on a call that does not dial this
 * keeps the ChannelStateChange of its answer off the socket: one of the nine
 * events of a bench/calls call.
 */
export const LEG_EVENT_TYPES: readonly string[] = Object.freeze(['ChannelStateChange', 'ChannelDestroyed']);

/** An eventFilter request body that disallows `types`: the whole body is the filter (Asterisk reads `disallowed` from it). */
const disallowing = (types: readonly string[]): string => JSON.stringify({ disallowed: types.map((type) => ({ type })) });

/** The body of the eventFilter request. */
export const EVENT_FILTER_BODY = disallowing(UNREAD_EVENT_TYPES);

/** The filter when no outbound leg is placed: the leg events are kept off the socket too. */
export const EVENT_FILTER_WITHOUT_LEGS_BODY = disallowing([...UNREAD_EVENT_TYPES, ...LEG_EVENT_TYPES]);
