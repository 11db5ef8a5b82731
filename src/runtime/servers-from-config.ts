import { readFileSync } from 'node:fs';
import type { AriServerConfig } from '../config/config-types';
import { parseListen } from '../ops-server/listen-address';
import type { RuntimeServer } from './server-fleet';

/**
 * The config's ARI servers as the runtime takes them. A listen server's TLS
 * files are read here (`readPem`), at start: a missing file throws, and the
 * host refuses to start with its message.
 */
export function serversFromConfig(ari: readonly AriServerConfig[], readPem: (file: string) => Buffer = readFileSync): RuntimeServer[] {
  return ari.map((s) => {
    const common = { name: s.name, ...(s.maxRequests !== undefined ? { maxInFlight: s.maxRequests } : {}) };
    const listen = s.listen;
    if (!listen) return { ...common, url: s.url, username: s.username, password: s.password, ...(s.rest ? { rest: s.rest } : {}) };
    return {
      ...common,
      listen: {
        address: parseListen(listen.address),
        path: listen.path,
        username: s.username,
        password: s.password,
        connection: listen.connection,
        ...(listen.tls ? { tls: { cert: readPem(listen.tls.cert), key: readPem(listen.tls.key) } } : {}),
        ...(s.url !== undefined ? { http: { url: s.url, username: s.ariUsername ?? '', password: s.ariPassword ?? '' } } : {}),
      },
    };
  });
}
