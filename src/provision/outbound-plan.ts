import { isIPv6 } from 'node:net';
import type { AriConnectionKind, AriServerConfig } from '../config/config-types';
import { formatListen, parseListen, type ListenAddress } from '../ops-server/listen-address';
import { WEBSOCKET_CLIENT_TIMINGS, type WebSocketClientTimings } from './websocket-client-timings';

/** One app's two sections: ari.conf `[<app>]` (outbound_websocket) using websocket_client.conf `[<app>-ws]`. */
export interface OutboundApp {
  readonly app: string;
  readonly websocketClientId: string;
}

/** What Asterisk needs to connect to a Voxtra server entry with `listen`. */
export interface OutboundPlan {
  readonly server: string;
  readonly connection: AriConnectionKind;
  /** websocket_client.conf `uri`: `public_url`, else built from `listen` and `path`. */
  readonly uri: string;
  /** True for a `wss:` uri. */
  readonly tls: boolean;
  /** `ca_list_file`: the CA Asterisk checks Voxtra's certificate against. */
  readonly caFile?: string;
  /** The user name Asterisk presents (websocket_client.conf `username`). */
  readonly username: string;
  readonly timings: WebSocketClientTimings;
  readonly apps: readonly OutboundApp[];
  /** ari.conf user the requests over the sockets act as (`local_ari_user`). */
  readonly ariUser: string;
  /** Asterisk's HTTP ARI, when the server has `url`. */
  readonly url?: string;
}

/** What the command line may set over the server entry. */
export interface OutboundOptions {
  /** Overrides the server's `public_url` (`--public-url`). */
  readonly publicUrl?: string;
  /** `--ca-file`. */
  readonly caFile?: string;
}

/** Characters a value on a websocket_client.conf / ari.conf line must not hold (`;` starts a comment). */
const CONF_VALUE = /^[^\s;\\[\]]+$/;

/**
 * Works out the Asterisk side of a `listen` server, or the reasons it
 * cannot: an address Asterisk could not dial (every address, or a port the
 * OS picks) without `public_url`, a uri or credentials a .conf line cannot
 * hold. Pure.
 */
export function planOutbound(server: AriServerConfig, apps: readonly string[], opts: OutboundOptions = {}): OutboundPlan | { readonly errors: readonly string[] } {
  const listen = server.listen;
  if (!listen) return { errors: [`ARI server ${server.name} has no "listen": Voxtra connects to that Asterisk, it does not need outbound WebSockets`] };
  const errors: string[] = [];
  const at = `ARI server ${server.name}`;
  const publicUrl = opts.publicUrl ?? listen.publicUrl;
  let uri: string | undefined;
  if (publicUrl !== undefined) {
    const scheme = /^(wss?):\/\//.exec(publicUrl)?.[1];
    if (scheme === undefined || !CONF_VALUE.test(publicUrl) || !URL.canParse(publicUrl)) errors.push(`${at}: public_url "${publicUrl}" is not a ws:// or wss:// URI without spaces or ";"`);
    else uri = publicUrl;
  } else {
    const address = listenAddress(listen.address);
    if (address === undefined) {
      errors.push(`${at}: listen "${listen.address}" is not IP:port`);
    } else if (isUnspecified(address.host)) {
      errors.push(
        `${at} listens on ${listen.address}, every address of this host, which is not an address Asterisk can connect to: ` +
          'set public_url (or give --public-url) to the URI Asterisk dials, e.g. ws://voxtra.example.com:8765/voxtra: this host by name or address, or the load balancer in front of the replicas',
      );
    } else if (address.port === 0) {
      errors.push(`${at} listens on port 0, which the system picks at start: Asterisk cannot know it. Set a port, or public_url (or --public-url)`);
    } else {
      uri = `${listen.tls ? 'wss' : 'ws'}://${formatListen(address)}${listen.path}`;
    }
  }
  const tls = uri?.startsWith('wss:') ?? false;
  if (opts.caFile !== undefined && uri !== undefined && !tls) errors.push(`--ca-file applies to a wss:// uri; ${at}'s is ${uri}`);
  if (opts.caFile !== undefined && !CONF_VALUE.test(opts.caFile)) errors.push(`--ca-file "${opts.caFile}" cannot be written on a .conf line (spaces or ";")`);
  if (server.username === '' || server.password === '') {
    errors.push(`${at} listens: give the "username" and "password" Asterisk presents (websocket_client.conf username/password; provision generates the password, the config reads it with \${VOXTRA_WS_PASSWORD})`);
  } else if (!CONF_VALUE.test(server.username)) {
    errors.push(`${at}: username "${server.username}" cannot be written on a websocket_client.conf line (spaces, ";", "\\" or brackets)`);
  }
  const ariUser = server.ariUsername || 'voxtra';
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/.test(ariUser)) errors.push(`${at}: ari_username "${ariUser}" is not a name an ari.conf section can have (letters, digits, _ . @ -)`);
  if (errors.length > 0 || uri === undefined) return { errors };
  return {
    server: server.name,
    connection: listen.connection,
    uri,
    tls,
    ...(opts.caFile !== undefined ? { caFile: opts.caFile } : {}),
    username: server.username,
    timings: WEBSOCKET_CLIENT_TIMINGS[listen.connection],
    apps: apps.map((app) => ({ app, websocketClientId: `${app}-ws` })),
    ariUser,
    ...(server.url !== undefined ? { url: server.url } : {}),
  };
}

function listenAddress(text: string): ListenAddress | undefined {
  try {
    return parseListen(text);
  } catch {
    return undefined;
  }
}

/** 0.0.0.0 or :: (in any spelling): the listener takes every address, none of which it names. */
function isUnspecified(host: string): boolean {
  if (host === '0.0.0.0') return true;
  return isIPv6(host) && new URL(`http://[${host}]/`).hostname === '[::]';
}
