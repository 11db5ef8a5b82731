import { VoxtraError } from '../../core/errors';

/** websocket_client.conf `connection_type`. */
export type OutboundConnectionType = 'persistent' | 'per_call_config';

/**
 * One outbound ARI WebSocket, Asterisk connecting to the application: the
 * `websocket_client.conf` section and the `ari.conf` `type =
 * outbound_websocket` section that names it, as one object. Times are
 * simulated ms.
 */
export interface OutboundWebSocketConfig {
  /** `uri`: ws:// or wss://, used as-is for the upgrade request (path and query included). */
  readonly uri: string;
  /** `connection_type`: one socket for every call, or one per call to Stasis(<app>). */
  readonly connectionType: OutboundConnectionType;
  /** ari.conf `apps` (Stasis application names). */
  readonly apps: readonly string[];
  /** `protocols` (default `ari`). */
  readonly protocols?: string;
  /** `username` / `password`: sent as `Authorization: Basic` (not ARI credentials). */
  readonly username?: string;
  readonly password?: string;
  /** `connection_timeout` (default 500). */
  readonly connectionTimeoutMs?: number;
  /** `reconnect_interval` (default 500). */
  readonly reconnectIntervalMs?: number;
  /** `reconnect_attempts` (default 4): tries per call; a persistent connection retries forever and logs after this many. */
  readonly reconnectAttempts?: number;
  /** ari.conf `subscribe_all` (default no). */
  readonly subscribeAll?: boolean;
  /** wss://: the CA to trust (PEM) and whether to verify the server (`verify_server_cert`, default yes). */
  readonly tls?: { readonly ca?: string | readonly string[]; readonly rejectUnauthorized?: boolean };
}

/** A configuration with its defaults applied and its id (the ari.conf section name). */
export interface ResolvedOutboundConfig {
  readonly id: string;
  readonly uri: string;
  readonly connectionType: OutboundConnectionType;
  readonly apps: readonly string[];
  readonly protocols: string;
  readonly username: string;
  readonly password: string;
  readonly connectionTimeoutMs: number;
  readonly reconnectIntervalMs: number;
  readonly reconnectAttempts: number;
  readonly subscribeAll: boolean;
  readonly tls?: OutboundWebSocketConfig['tls'];
  /** `host:port` of the uri, as Asterisk names the remote end in its log lines. */
  readonly remote: string;
}

const bad = (id: string, what: string): VoxtraError => new VoxtraError('SIMULATOR', `outbound WebSocket ${JSON.stringify(id)}: ${what}`, { status: 400 });

const ms = (id: string, name: string, v: unknown, dflt: number, min: number): number => {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw bad(id, `${name} must be an integer >= ${min}`);
  return v;
};

/** Checks and completes a configuration (throws VoxtraError SIMULATOR, status 400). */
export function resolveOutboundConfig(id: string, cfg: OutboundWebSocketConfig): ResolvedOutboundConfig {
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]+$/.test(id)) throw bad(String(id), 'the id must be a plain name (letters, digits, . _ -)');
  if (typeof cfg !== 'object' || cfg === null) throw bad(id, 'expected an object');
  let url: URL;
  try {
    url = new URL(cfg.uri);
  } catch {
    throw bad(id, `uri ${JSON.stringify(cfg.uri)} is not a URL`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw bad(id, `uri must be ws:// or wss://, got ${cfg.uri}`);
  if (cfg.connectionType !== 'persistent' && cfg.connectionType !== 'per_call_config') throw bad(id, 'connectionType must be "persistent" or "per_call_config"');
  if (!Array.isArray(cfg.apps) || cfg.apps.length === 0 || !cfg.apps.every((a) => typeof a === 'string' && a !== '' && !a.includes(','))) throw bad(id, 'apps must be a non-empty list of app names');
  const port = url.port || (url.protocol === 'wss:' ? '443' : '80');
  return {
    id,
    uri: cfg.uri,
    connectionType: cfg.connectionType,
    apps: [...cfg.apps],
    protocols: cfg.protocols ?? 'ari',
    username: cfg.username ?? '',
    password: cfg.password ?? '',
    connectionTimeoutMs: ms(id, 'connectionTimeoutMs', cfg.connectionTimeoutMs, 500, 1),
    reconnectIntervalMs: ms(id, 'reconnectIntervalMs', cfg.reconnectIntervalMs, 500, 0),
    reconnectAttempts: ms(id, 'reconnectAttempts', cfg.reconnectAttempts, 4, 1),
    subscribeAll: cfg.subscribeAll === true,
    ...(cfg.tls ? { tls: cfg.tls } : {}),
    remote: `${url.hostname}:${port}`,
  };
}
