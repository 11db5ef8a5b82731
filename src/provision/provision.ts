import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_DEFAULTS, type AriServerConfig, type BroadcastConfig } from '../config/config-types';
import { writeFileAtomic } from '../io/write-file-atomic';
import type { AppSnapshot } from '../ir/types';
import { BROADCAST_TIMEOUT, INBOUND_ENTRY, broadcastFilter, overlappingPools, type AppEntry } from './app-entry';
import { DEFAULT_FALLBACK, type Fallback } from './fallback';
import type { HeaderContext } from './file-header';
import { CONF_PASSWORD_LINE, envLine, generatePassword, keptSecret } from './kept-secret';
import { planOutbound, type OutboundPlan } from './outbound-plan';
import { PROVISION_FILES, RELOAD_COMMAND, type GeneratedFile } from './provision-files';
import { planProvision, type CatchAllMode, type ProvisionPlan } from './provision-plan';
import type { AriUser } from './render-ari-http';
import { renderInboundFiles } from './render-inbound-files';
import { renderOutboundFiles } from './render-outbound-files';

/** What to provision: the compiled apps, the server this Asterisk is, and the choices of the command line. */
export interface ProvisionOptions extends HeaderContext {
  readonly snapshots: readonly AppSnapshot[];
  /** The ARI server whose Asterisk this is: `url` (Voxtra connects) or `listen` (Asterisk connects). */
  readonly server: AriServerConfig;
  /** Fallback per app; apps not listed get `defaultFallback`. */
  readonly fallbacks?: Readonly<Record<string, Fallback>>;
  readonly defaultFallback?: Fallback;
  readonly catchAll?: CatchAllMode;
  readonly contextPrefix?: string;
  /** The apps' `broadcast` sections, by app name: their calls enter with StasisBroadcast(). */
  readonly broadcast?: Readonly<Record<string, BroadcastConfig>>;
  /** With `listen`: the URI Asterisk connects to, over the server's `public_url`. */
  readonly publicUrl?: string;
  /** With a wss:// uri: websocket_client.conf `ca_list_file`. */
  readonly caFile?: string;
}

/** `inbound`: Voxtra connects to Asterisk; `per_call` / `persistent`: Asterisk connects to Voxtra's listener. */
export type ProvisionMode = 'inbound' | 'per_call' | 'persistent';

/** One generated file. */
export interface ProvisionedFile extends GeneratedFile {
  readonly path: string;
  /** False when the file already held exactly this text (it was left alone). */
  readonly changed: boolean;
}

/** What a run wrote and decided. */
export interface ProvisionResult {
  readonly mode: ProvisionMode;
  readonly plan: ProvisionPlan;
  readonly files: readonly ProvisionedFile[];
  readonly user: AriUser;
  /** True when this run generated the ARI password (no earlier run had written one). */
  readonly passwordGenerated: boolean;
  /** With `listen`: how Asterisk connects, and the credentials it presents (the password generated once). */
  readonly outbound?: OutboundPlan & { readonly password: string; readonly passwordGenerated: boolean };
  /** Asterisk CLI commands that load the changed files, in the order to run them. */
  readonly reloads: readonly string[];
  /** Things the operator should know (e.g. broadcast filters that overlap). */
  readonly notes: readonly string[];
}

/** Why nothing was written: what Asterisk could not use. */
export interface ProvisionRefusal {
  readonly refused: readonly string[];
}

/**
 * Writes the Asterisk side of every app into `outDir`, for the server's
 * mode: with `url`, the dialplan, the ARI user, the HTTP server settings
 * and Voxtra's credentials; with `listen`, websocket_client.conf and
 * ari.conf outbound WebSockets instead of http.conf (kept when the server
 * also has `url`). Apps with `broadcast` enter with StasisBroadcast().
 * Idempotent: passwords are generated once and read back on later runs,
 * files whose text is unchanged are not touched, and changed files are
 * replaced atomically. Refuses (writing nothing) what Asterisk could not use.
 */
export async function provision(opts: ProvisionOptions): Promise<ProvisionResult | ProvisionRefusal> {
  const { server } = opts;
  const appNames = opts.snapshots.map((s) => s.app);
  const refused: string[] = [];
  const broadcastApps = appNames.filter((a) => opts.broadcast?.[a] !== undefined);
  if (server.listen && broadcastApps.length > 0) {
    refused.push(
      `app${broadcastApps.length > 1 ? 's' : ''} ${broadcastApps.join(', ')} take${broadcastApps.length > 1 ? '' : 's'} part in StasisBroadcast pools, which Voxtra joins over the servers it connects to (url); ` +
        `ARI server ${server.name} listens instead. Provision this Asterisk with --server naming a server with url`,
    );
  }
  for (const app of broadcastApps) {
    const ms = opts.broadcast?.[app]?.timeoutMs;
    if (ms !== undefined && ms > BROADCAST_TIMEOUT.maxMs) refused.push(`app ${app}: broadcast.timeout ${ms} ms is above StasisBroadcast's limit of ${BROADCAST_TIMEOUT.maxMs} ms`);
  }
  const outbound = server.listen ? planOutbound(server, appNames, { ...(opts.publicUrl !== undefined ? { publicUrl: opts.publicUrl } : {}), ...(opts.caFile !== undefined ? { caFile: opts.caFile } : {}) }) : undefined;
  if (outbound && 'errors' in outbound) return { refused: [...refused, ...outbound.errors] };
  if (refused.length > 0) return { refused };

  const entryOf = (app: string): AppEntry => {
    const b = opts.broadcast?.[app];
    if (b) return { kind: 'broadcast', timeoutMs: b.timeoutMs ?? BROADCAST_TIMEOUT.defaultMs, filter: broadcastFilter(app) };
    return server.listen ? { kind: 'stasis', connection: server.listen.connection } : INBOUND_ENTRY;
  };
  const plan = planProvision(opts.snapshots, {
    fallback: (app) => opts.fallbacks?.[app] ?? opts.defaultFallback ?? DEFAULT_FALLBACK,
    entry: entryOf,
    ...(opts.catchAll ? { catchAll: opts.catchAll } : {}),
    ...(opts.contextPrefix ? { contextPrefix: opts.contextPrefix } : {}),
  });
  const file = (name: string): string => path.join(opts.outDir, name);
  const env = file(PROVISION_FILES.env);
  const keptAri = await keptSecret([
    { file: file(PROVISION_FILES.ari), line: CONF_PASSWORD_LINE },
    { file: env, line: envLine('ARI_PASSWORD') },
  ]);
  const user: AriUser = { username: (outbound ? outbound.ariUser : server.username) || 'voxtra', password: keptAri ?? generatePassword() };
  let rendered: GeneratedFile[];
  let result: Pick<ProvisionResult, 'mode' | 'outbound'>;
  if (outbound) {
    const keptWs = await keptSecret([
      { file: file(PROVISION_FILES.websocketClient), line: CONF_PASSWORD_LINE },
      { file: env, line: envLine('VOXTRA_WS_PASSWORD') },
    ]);
    const password = keptWs ?? generatePassword();
    rendered = renderOutboundFiles(plan, outbound, user, password, opts);
    result = { mode: outbound.connection, outbound: { ...outbound, password, passwordGenerated: keptWs === undefined } };
  } else {
    // A listen server without url is handled above; `url` is set on every other entry.
    rendered = renderInboundFiles(plan, user, server.url ?? CONFIG_DEFAULTS.ariUrl, opts);
    result = { mode: 'inbound' };
  }
  const files: ProvisionedFile[] = [];
  for (const f of rendered) {
    const target = file(f.name);
    const before = await fs.readFile(target, 'utf8').catch(() => undefined);
    const changed = before !== f.text;
    if (changed) await writeFileAtomic(target, f.text, f.mode);
    files.push({ ...f, path: target, changed });
  }
  const changed = new Set(files.filter((f) => f.changed).map((f) => f.name));
  return {
    ...result,
    plan,
    files,
    user,
    passwordGenerated: keptAri === undefined,
    reloads: Object.keys(RELOAD_COMMAND).filter((name) => changed.has(name)).map((name) => RELOAD_COMMAND[name]),
    notes: overlappingPools(broadcastApps).map(([a, b]) => `the StasisBroadcast filter ${broadcastFilter(a)} of app ${a} also offers its calls to app ${b}'s pool (${b}-<instance>): rename one of them`),
  };
}
