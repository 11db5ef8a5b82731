/** One Asterisk holding a persistent connection to a listen server. */
export interface ListenedAsterisk {
  /** Its `asterisk_id`. */
  asterisk: string;
  /** Address of its newest connection. */
  remote: string;
  connected: boolean;
  /** ISO time it last connected or disconnected. */
  since: string;
  activeCalls: number;
}

/** Connection state of one ARI server, as `/readyz` reports it. */
export interface ServerReadiness {
  name: string;
  /**
   * `replaced`: every app of the server was taken over by another ARI client
   * (no reconnect). `listening`: a listen server accepting Asterisk's
   * connections (`disconnected` once it stopped).
   */
  state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'replaced' | 'listening';
  /** How REST requests travel: `http`, or `websocket` (always for a listen server). */
  rest?: 'http' | 'websocket';
  /** A listen server: where it listens, its open connections and the Asterisk servers with a persistent connection. */
  listen?: { address: string; connections: { persistent: number; per_call: number }; asterisks: ListenedAsterisk[] };
  /** ISO time the server entered `state`. */
  since: string;
  /** Connection attempts since the last success (0 while connected). */
  attempts: number;
  /** Successful reconnects since the process started. */
  reconnects?: number;
  /** Delay before the next connection attempt, when one is scheduled. */
  retryInMs?: number;
  /** Apps another ARI client took over on this server (ApplicationReplaced). */
  replacedApps?: string[];
  /** Calls running on this server. */
  activeCalls?: number;
  /** Last connection error; credentials are removed before it is served. */
  lastError?: string;
}

/** Registration state of one Stasis app. */
export interface AppReadiness {
  name: string;
  /** Live snapshot version, or null before the first good compile. */
  version: string | null;
  /**
   * `registered` on every server; `pending` while a server is not connected;
   * `replaced` when another ARI client took it over on some server;
   * `stopping` while a reload removes it (calls in progress finish); `failed`
   * when it has no good snapshot.
   */
  state: 'registered' | 'pending' | 'failed' | 'replaced' | 'stopping';
  /** Calls running in this app. */
  activeCalls?: number;
  /** Errors in the app's files at the last reload (the running version, if any, stays live). */
  rejectedErrors?: number;
}

/** What the runtime tells `/readyz`. `ready` decides 200 or 503. */
export interface ReadinessReport {
  ready: boolean;
  /** True once shutdown started: the process takes no new calls. */
  draining?: boolean;
  servers: ServerReadiness[];
  apps: AppReadiness[];
}

/**
 * Builds a report with the usual rule: ready when not draining, at least one
 * app exists, every server is connected (a listen server: listening) and
 * every app registered (an app being removed by a reload does not count
 * either way). A listen server is ready whether or not an Asterisk holds a
 * persistent connection to it: behind a load balancer only one replica
 * holds each Asterisk's, and the others must stay in rotation to take it
 * over.
 */
export function readinessReport(parts: { servers: ServerReadiness[]; apps: AppReadiness[]; draining?: boolean }): ReadinessReport {
  const live = parts.apps.filter((a) => a.state !== 'stopping');
  const ready =
    parts.draining !== true &&
    live.length > 0 &&
    parts.servers.every((s) => s.state === 'connected' || s.state === 'listening') &&
    live.every((a) => a.state === 'registered');
  return { ready, ...(parts.draining !== undefined ? { draining: parts.draining } : {}), servers: parts.servers, apps: parts.apps };
}
