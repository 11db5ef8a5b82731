import type { AriConnectionKind } from '../config/config-types';

/** websocket_client.conf `connection_timeout`, `reconnect_interval` (ms) and `reconnect_attempts`. */
export interface WebSocketClientTimings {
  readonly connectionTimeoutMs: number;
  readonly reconnectIntervalMs: number;
  readonly reconnectAttempts: number;
  /** Why these values, for the comment above the sections. */
  readonly why: readonly string[];
}

/**
 * The values the outbound traces of ../shared/ari were recorded with
 * (Asterisk 22.10.1): the only ones whose effect on callers was observed.
 * - per call: a call waits in silence while Asterisk tries; with 3 tries 1 s
 *   apart `Stasis()` returned FAILED after 2.501 s when no server answered
 *   (refused, or a 503 from a balancer), so the fallback starts after about
 *   2.5 s. That rides out a replica that dies or drains between the
 *   balancer's health checks (a retry lands elsewhere) and still starts the
 *   fallback before callers give up. A connect on a LAN takes
 *   milliseconds: 500 ms is Asterisk's default and plenty.
 * - persistent: Asterisk retries every `reconnect_interval` forever whatever
 *   `reconnect_attempts` says (that only sets how often it logs a warning),
 *   and new calls wait in Stasis meanwhile; 1.5 s bounds their extra wait
 *   once Voxtra listens again (recorded: connected on the next try), and
 *   4 tries log one warning per 6 s of outage.
 */
export const WEBSOCKET_CLIENT_TIMINGS: Readonly<Record<AriConnectionKind, WebSocketClientTimings>> = {
  per_call: {
    connectionTimeoutMs: 500,
    reconnectIntervalMs: 1000,
    reconnectAttempts: 3,
    why: [
      'Per call: when no Voxtra replica answers (connection refused, or 503 from the load',
      'balancer), Asterisk tries 3 times 1 s apart and Stasis() returns STASISSTATUS=FAILED',
      'after about 2.5 s (2.501 s recorded with Asterisk 22.10.1), and the dialplan fallback',
      'runs. Fewer tries fall back sooner but fail calls a balancer would have moved to',
      'another replica. More leave callers in silence longer.',
    ],
  },
  persistent: {
    connectionTimeoutMs: 500,
    reconnectIntervalMs: 1500,
    reconnectAttempts: 4,
    why: [
      'Persistent: Asterisk retries every 1.5 s for as long as the section exists',
      '(reconnect_attempts only sets how often it logs a warning: every 4 tries, 6 s).',
      'While the socket is down, calls wait in Stasis and their events are queued: they',
      'reach Voxtra in order within 1.5 s of it listening again.',
    ],
  },
};
