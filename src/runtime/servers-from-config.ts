import type { AriServerConfig } from '../config/config-types';
import type { RuntimeServer } from './runtime';

/** The config's ARI servers as the runtime takes them. */
export function serversFromConfig(ari: readonly AriServerConfig[]): RuntimeServer[] {
  return ari.map((s) => ({
    name: s.name,
    url: s.url,
    username: s.username,
    password: s.password,
    ...(s.maxRequests !== undefined ? { maxInFlight: s.maxRequests } : {}),
  }));
}
