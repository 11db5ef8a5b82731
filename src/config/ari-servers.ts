import path from 'node:path';
import { isRecord } from '../core/is-record';
import type { JsonPath } from '../core/json-path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { parseListen } from '../ops-server/listen-address';
import { CONFIG_DEFAULTS, type AriConnectionKind, type AriListenConfig, type AriRestMode, type AriServerConfig } from './config-types';

type Env = Readonly<Record<string, string | undefined>>;
type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The `ari` section as {@link AriServerConfig}s, or, when the config names
 * none, one server from ARI_URL / ARI_USERNAME / ARI_PASSWORD. Checks what
 * the schema cannot (after `${ENV}` expansion): each entry has `url` or
 * `listen`; a listen entry has the credentials Asterisk presents, a
 * parseable address used by no other entry, and `url` when it is for
 * persistent connections (a socket shared by many calls must not carry a
 * request that waits for its channel, see docs/ari-adapter.md); `rest:
 * http` and the `ari_*` credentials belong to one side only. Problems come
 * back as diagnostics at their path; TLS paths resolve against `dir`.
 */
export function normalizeAriServers(raw: unknown, env: Env, dir: string): { servers: AriServerConfig[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (code: 'SCHEMA_MISSING_PROPERTY' | 'SCHEMA_VALUE' | 'SCHEMA_INVALID', at: JsonPath, message: string, hint?: string): void => {
    diagnostics.push(diagnostic({ code, path: at, message, ...(hint ? { hint } : {}) }));
  };
  const listenAt = new Map<string, string>();
  const server = (s: Raw, name: string, at: JsonPath): AriServerConfig => {
    const serverName = str(s.name) ?? name;
    const url = str(s.url);
    const listen = str(s.listen) !== undefined ? listenConfig(s, dir) : undefined;
    if (url === undefined && listen === undefined) report('SCHEMA_MISSING_PROPERTY', at, `ARI server ${serverName} needs "url" (Voxtra connects to Asterisk) or "listen" (Asterisk connects to Voxtra)`);
    if (listen) {
      try {
        const address = parseListen(listen.address);
        const key = `${address.host}:${address.port}`;
        const other = listenAt.get(key);
        if (other !== undefined && address.port !== 0) report('SCHEMA_VALUE', [...at, 'listen'], `ARI server ${serverName} listens on ${listen.address}, as server ${other} does`);
        listenAt.set(key, serverName);
      } catch (err) {
        report('SCHEMA_VALUE', [...at, 'listen'], (err as Error).message);
      }
      if (!str(s.username) || !str(s.password)) report('SCHEMA_MISSING_PROPERTY', at, `ARI server ${serverName} listens: give the "username" and "password" Asterisk presents (websocket_client.conf)`);
      if (s.rest === 'http') report('SCHEMA_VALUE', [...at, 'rest'], `ARI server ${serverName} listens: its REST requests travel on Asterisk's WebSocket ("rest: http" applies to servers with url only)`);
      if (listen.connection === 'persistent' && url === undefined) {
        report(
          'SCHEMA_MISSING_PROPERTY',
          at,
          `ARI server ${serverName}: a persistent connection needs "url" (Asterisk's HTTP ARI)`,
          'One persistent socket carries every call, and Asterisk answers a request that waits for its channel (answer, setChannelVar, bridge add/remove) only when the channel is free, e.g. after a playback: every later request on the socket waits too. Voxtra sends those over HTTP. Without url use connection: per_call.',
        );
      }
    } else {
      for (const key of ['path', 'connection', 'tls', 'public_url', 'ari_username', 'ari_password'] as const) {
        if (key in s) report('SCHEMA_VALUE', [...at, key], `"${key}" applies to a server with "listen" only`);
      }
    }
    return {
      name: serverName,
      ...(url !== undefined ? { url } : {}),
      username: str(s.username) ?? '',
      password: str(s.password) ?? '',
      ...(typeof s.max_requests === 'number' ? { maxRequests: s.max_requests } : {}),
      ...(s.rest === 'http' || s.rest === 'websocket' ? { rest: s.rest as AriRestMode } : {}),
      ...(listen ? { listen } : {}),
      ...(str(s.ari_username) !== undefined ? { ariUsername: str(s.ari_username) } : {}),
      ...(str(s.ari_password) !== undefined ? { ariPassword: str(s.ari_password) } : {}),
    };
  };
  if (Array.isArray(raw)) {
    const servers = raw.flatMap((s, i) => (isRecord(s) ? [server(s, i === 0 ? 'default' : `ari-${i + 1}`, ['ari', i])] : []));
    return { servers, diagnostics };
  }
  if (isRecord(raw)) return { servers: [server(raw, 'default', ['ari'])], diagnostics };
  return { servers: [{ name: 'default', url: env.ARI_URL || CONFIG_DEFAULTS.ariUrl, username: env.ARI_USERNAME ?? '', password: env.ARI_PASSWORD ?? '' }], diagnostics };
}

function listenConfig(s: Raw, dir: string): AriListenConfig {
  const tls = isRecord(s.tls) ? s.tls : undefined;
  const p = str(s.path) ?? '/';
  return {
    address: str(s.listen) ?? '',
    path: p.length > 1 ? p.replace(/\/+$/, '') : p,
    connection: (s.connection === 'persistent' ? 'persistent' : 'per_call') as AriConnectionKind,
    ...(tls ? { tls: { cert: path.resolve(dir, String(tls.cert)), key: path.resolve(dir, String(tls.key)) } } : {}),
    ...(str(s.public_url) !== undefined ? { publicUrl: str(s.public_url) } : {}),
  };
}
