import type { AriServer } from '../ari/ari-server';
import type { AriListener } from '../ari/listen/ari-listener';
import type { ServerReadiness } from '../ops-server/readiness';

/** One ARI server's supervisor status in `/readyz` terms. */
export function serverReadiness(server: AriServer, activeCalls: number): ServerReadiness {
  const status = server.supervisor.status;
  const replacedApps = server.gateway.replacedApps;
  const rest = server.rest;
  return {
    name: status.server,
    state: readinessState(status.state, status.attempts, status.reconnects),
    since: new Date(status.since).toISOString(),
    attempts: status.attempts,
    reconnects: status.reconnects,
    ...(status.retryInMs !== undefined ? { retryInMs: status.retryInMs } : {}),
    ...(replacedApps.length > 0 ? { replacedApps } : {}),
    activeCalls,
    ...(status.lastError !== undefined && status.state !== 'connected' ? { lastError: status.lastError } : {}),
    ...(rest !== undefined ? { rest } : {}),
  };
}

/** A listener in `/readyz` terms: listening or not, its connections, and which Asterisk servers hold a persistent one. */
export function listenerReadiness(listener: AriListener, activeCalls: number): ServerReadiness {
  const status = listener.status();
  return {
    name: listener.name,
    state: status.listening ? 'listening' : 'disconnected',
    since: new Date(status.since).toISOString(),
    attempts: 0,
    activeCalls,
    rest: 'websocket',
    listen: { address: status.address, connections: { ...status.connections }, asterisks: [...status.persistent] },
  };
}

function readinessState(state: string, attempts: number, reconnects: number): ServerReadiness['state'] {
  switch (state) {
    case 'connected':
      return 'connected';
    case 'replaced':
      return 'replaced';
    case 'closed':
      return 'disconnected';
    case 'connecting':
      // The first connect of the process is "connecting"; any later one is a reconnect.
      return attempts > 0 || reconnects > 0 ? 'reconnecting' : 'connecting';
    default:
      // The supervisor never gives up: a disconnected server is being retried.
      return 'reconnecting';
  }
}

