import type { CalendarSpec } from '../calendar/calendar-spec';
import type { HttpServiceIR, SourceRef } from '../ir/types';
import type { RuntimeSettings } from './runtime-settings';
import type { TtsSettings } from '../tts/tts-settings';
import type { LogFormat, LogLevel } from '../core/log-options';

/** How REST requests reach an inbound server: HTTP requests, or RESTRequest frames on the events socket. */
export type AriRestMode = 'http' | 'websocket';

/** What `voxtra provision` writes for a listen server (the listener accepts both kinds anyway). */
export type AriConnectionKind = 'per_call' | 'persistent';

/** A server entry with `listen`: Asterisk connects to Voxtra (ari.conf `type=outbound_websocket`). */
export interface AriListenConfig {
  /** `HOST:PORT` of Voxtra's WebSocket server (an IP literal, as `http.listen`). */
  readonly address: string;
  /** URL path of Asterisk's websocket_client `uri`; default `/`. */
  readonly path: string;
  /** Default `per_call`. */
  readonly connection: AriConnectionKind;
  /** Certificate and key files (absolute): the listener speaks wss://. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** The URI Asterisk connects to, when it is not the listen address (a load balancer); provision only. */
  readonly publicUrl?: string;
}

/** One Asterisk server. */
export interface AriServerConfig {
  /** `default` for a single server; `default`, `ari-2`, ... for an unnamed list. */
  readonly name: string;
  /**
   * Base URL of Asterisk's HTTP server, without /ari. Required without
   * `listen`; with it, optional: the HTTP path for requests that must not
   * share a persistent socket.
   */
  readonly url?: string;
  /** ARI user; with `listen`, the credentials Asterisk presents to Voxtra's listener instead. */
  readonly username: string;
  readonly password: string;
  /** ARI requests in flight at once (`max_requests`); undefined: the transport's default (64). */
  readonly maxRequests?: number;
  /** `rest`: undefined is the default, `http`. */
  readonly rest?: AriRestMode;
  /** `listen`: Voxtra accepts Asterisk's connections instead of connecting. */
  readonly listen?: AriListenConfig;
  /** With `listen` and `url`: the ARI user of the HTTP path (`ari_username`, `ari_password`). */
  readonly ariUsername?: string;
  readonly ariPassword?: string;
}

/** An app's part in StasisBroadcast pools (`apps[].broadcast`). */
export interface BroadcastConfig {
  /** This replica's instance name: the app registers as Stasis app `<app>-<instance>`. */
  readonly instance: string;
  /** Claim only while this process has fewer calls in progress; default `runtime.max_calls`. */
  readonly maxCalls?: number;
  /** StasisBroadcast's timeout (provision only), ms. */
  readonly timeoutMs?: number;
}

/** One Stasis app and its flows. */
export interface AppConfig {
  readonly name: string;
  /** Folders, files or globs as written; relative ones resolve against `baseDir`. */
  readonly flows: readonly string[];
  /** The config file's folder, or the working folder for command-line paths. */
  readonly baseDir: string;
  /** Dialplan context transfer_to_queue continues into. */
  readonly queuesContext: string;
  /** Where the app is declared in the config, when it is. */
  readonly source?: SourceRef;
  /** Where its `flows` value is written, when it is (missing paths are reported there). */
  readonly flowsSource?: SourceRef;
  /** Taking part in StasisBroadcast pools, when the app says so. */
  readonly broadcast?: BroadcastConfig;
}


/** The normalised configuration (defaults filled in, env expanded). */
export interface VoxtraConfig {
  /** Absolute path of the config file, when there is one. */
  readonly file?: string;
  /** The config file as shown to users. */
  readonly displayFile?: string;
  /** Folder relative paths in the config resolve against. */
  readonly dir: string;
  readonly ari: readonly AriServerConfig[];
  readonly apps: readonly AppConfig[];
  readonly queues: { readonly context: string };
  readonly http?: { readonly listen: string };
  readonly log: { readonly level: LogLevel; readonly format: LogFormat };
  /** Named business-hours calendars, normalised (see docs/calendars.md). */
  readonly calendars: Readonly<Record<string, CalendarSpec>>;
  /** The `tts` section, normalised; absent when the config has none (the runtime then uses the defaults). */
  readonly tts?: TtsSettings;
  /** Named HTTP services http steps call (`http_services`); absent when the config has none. */
  readonly httpServices?: Readonly<Record<string, HttpServiceIR>>;
  /** Per-call limits and the policies for calls Voxtra will not run (see {@link RuntimeSettings}). */
  readonly runtime: RuntimeSettings;
}

/** Defaults the config falls back to. */
export const CONFIG_DEFAULTS = {
  appName: 'voxtra',
  flows: 'flows',
  queuesContext: 'voxtra-queues',
  ariUrl: 'http://127.0.0.1:8088',
  logLevel: 'info',
  logFormat: 'auto',
} as const;

/** Config file names looked for in the working folder, in this order. */
export const CONFIG_FILE_NAMES = ['voxtra.config.yaml', 'voxtra.config.yml', 'voxtra.config.toml', 'voxtra.config.json'] as const;
