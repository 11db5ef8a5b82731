/** Connection state of one ARI server, as `/readyz` reports it. */
export interface ServerReadiness {
  name: string;
  state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
  /** ISO time the server entered `state`. */
  since: string;
  /** Connection attempts since the last success (0 while connected). */
  attempts: number;
  /** Last connection error; credentials are removed before it is served. */
  lastError?: string;
}

/** Registration state of one Stasis app. */
export interface AppReadiness {
  name: string;
  /** Live snapshot version, or null before the first good compile. */
  version: string | null;
  state: 'registered' | 'pending' | 'failed';
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
 * app exists, and every server is connected and every app registered.
 */
export function readinessReport(parts: { servers: ServerReadiness[]; apps: AppReadiness[]; draining?: boolean }): ReadinessReport {
  const ready =
    parts.draining !== true &&
    parts.apps.length > 0 &&
    parts.servers.every((s) => s.state === 'connected') &&
    parts.apps.every((a) => a.state === 'registered');
  return { ready, ...(parts.draining !== undefined ? { draining: parts.draining } : {}), servers: parts.servers, apps: parts.apps };
}
