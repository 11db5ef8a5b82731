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

/** The body of the eventFilter request: the whole body is the filter (Asterisk reads `disallowed` from it). */
export const EVENT_FILTER_BODY = JSON.stringify({ disallowed: UNREAD_EVENT_TYPES.map((type) => ({ type })) });
