import path from 'node:path';
import { Option, type Command } from 'commander';
import { displayPath } from '../../config/display-path';
import type { BroadcastConfig } from '../../config/config-types';
import { asteriskCommand, parseFallback, provision, type AppPlan, type CatchAllMode, type Fallback, type ProvisionResult } from '../../provision';
import { EXIT, type CliContext } from '../cli-context';
import { loadCompiledApps } from '../compiled-project';

interface ProvisionCommandOptions {
  config?: string;
  out: string;
  server?: string;
  fallback?: string[];
  catchAll?: boolean;
  contextPrefix: string;
  asteriskDir: string;
  publicUrl?: string;
  caFile?: string;
}

/** `voxtra provision`: writes the Asterisk side of every app (dialplan, ARI user, HTTP server) into a folder. */
export function registerProvision(program: Command, ctx: CliContext): void {
  program
    .command('provision')
    .description(
      'Write the Asterisk side of every app for the server\'s mode: dialplan contexts (DIDs into Stasis or StasisBroadcast, fallback, queues), an ari.conf user, and http.conf settings (url) or ari.conf outbound_websocket + websocket_client.conf sections (listen).',
    )
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .option('-o, --out <dir>', 'folder to write into (include its files from /etc/asterisk)', 'asterisk')
    .option('--server <name>', 'the ARI server (of the config) this Asterisk is (default: the first)')
    .option('--fallback <spec...>', 'what callers get when Voxtra is not connected: sound:NAME (default sound:vm-nobodyavail), hangup, queue:NAME or dialplan:CTX,EXTEN[,PRIO]; prefix with APP= for one app')
    .option('--catch-all', 'always send any number into Stasis (default: only when a route, rule or default can take numbers no DID names)')
    .option('--no-catch-all', 'never add the catch-all: only the DIDs the routes name')
    .addOption(new Option('--context-prefix <prefix>', 'prefix of the generated context names').default('voxtra'))
    .option('--asterisk-dir <dir>', 'Asterisk\'s config folder, for the #include hints', '/etc/asterisk')
    .option('--public-url <uri>', 'with a listen server: the ws:// or wss:// URI Asterisk connects to (a load balancer), over the config\'s public_url')
    .option('--ca-file <file>', 'with a wss:// uri: the CA certificate (on the Asterisk host) that Voxtra\'s certificate is checked against (ca_list_file)')
    .action(async (opts: ProvisionCommandOptions, cmd: Command) => {
      // commander sets catchAll for both flags; only an explicit one overrides `auto`.
      const source = cmd.getOptionValueSource('catchAll');
      ctx.exitCode = await run(opts, source === 'cli' ? (opts.catchAll ? 'always' : 'never') : 'auto', ctx);
    });
}

async function run(opts: ProvisionCommandOptions, catchAll: CatchAllMode, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/.test(opts.contextPrefix)) return usage(ctx, `--context-prefix "${opts.contextPrefix}" is not a context name`);
  const fallbacks: Record<string, Fallback> = {};
  let defaultFallback: Fallback | undefined;
  for (const spec of opts.fallback ?? []) {
    const eq = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.*)$/.exec(spec);
    const parsed = parseFallback(eq ? eq[2] : spec);
    if ('error' in parsed) return usage(ctx, `--fallback: ${parsed.error}`);
    if (eq) fallbacks[eq[1]] = parsed;
    else defaultFallback = parsed;
  }
  const loaded = await loadCompiledApps(ctx, opts.config);
  if (typeof loaded === 'number') return loaded;
  const unknownApp = Object.keys(fallbacks).find((a) => !loaded.apps.some((x) => x.name === a));
  if (unknownApp !== undefined) return usage(ctx, `--fallback names app "${unknownApp}", which the config does not declare`);
  const servers = loaded.config.ari;
  const server = opts.server === undefined ? servers[0] : servers.find((s) => s.name === opts.server);
  if (!server) return usage(ctx, `no ARI server "${opts.server}" in the config (servers: ${servers.map((s) => s.name).join(', ')})`);
  if ((opts.publicUrl !== undefined || opts.caFile !== undefined) && !server.listen) return usage(ctx, `--public-url and --ca-file apply to a server with listen; ARI server ${server.name} has url`);
  const broadcast: Record<string, BroadcastConfig> = {};
  for (const a of loaded.config.apps) if (a.broadcast) broadcast[a.name] = a.broadcast;
  const outDir = path.resolve(io.cwd, opts.out);
  const result = await provision({
    outDir,
    snapshots: loaded.apps.map((a) => a.snapshot),
    server,
    ...(loaded.config.displayFile !== undefined ? { configFile: loaded.config.displayFile } : {}),
    fallbacks,
    ...(defaultFallback ? { defaultFallback } : {}),
    catchAll,
    contextPrefix: opts.contextPrefix,
    asteriskDir: opts.asteriskDir,
    broadcast,
    ...(opts.publicUrl !== undefined ? { publicUrl: opts.publicUrl } : {}),
    ...(opts.caFile !== undefined ? { caFile: opts.caFile } : {}),
  });
  if ('refused' in result) {
    for (const r of result.refused) io.stderr(`voxtra provision: ${r}\n`);
    io.stderr('voxtra provision: nothing was written\n');
    return EXIT.problems;
  }
  const envFile = displayPath(io.cwd, path.join(outDir, 'voxtra.env'));
  for (const f of result.files) io.stdout(`${f.changed ? 'wrote    ' : 'unchanged'} ${displayPath(io.cwd, f.path)}\n`);
  for (const app of result.plan.apps) {
    const dids = app.dids.map((d) => d.extension);
    io.stdout(`app ${app.app}: context ${app.inboundContext}, ${dids.length} DID extension${dids.length === 1 ? '' : 's'}${app.catchAll ? ' + catch-all' : ''}, fallback ${app.fallbackContext}${entrySummary(app, result)}\n`);
  }
  for (const q of result.plan.queues) io.stdout(`queues: context ${q.context}, ${q.queues.length} named queue${q.queues.length === 1 ? '' : 's'}${q.catchAll ? ' + any name' : ''}\n`);
  io.stdout(result.passwordGenerated ? `ARI user ${result.user.username}: generated a password (kept on later runs)\n` : `ARI user ${result.user.username}: kept the existing password\n`);
  const out = result.outbound;
  if (out) {
    io.stdout(`Asterisk connects as ${out.username} to ${out.uri}: ${out.passwordGenerated ? 'generated a password (kept on later runs)' : 'kept the existing password'}\n`);
    if (server.password !== out.password) io.stdout(`note: the config's password for server ${server.name} (what Asterisk presents) is not the provisioned one; set VOXTRA_WS_PASSWORD from ${envFile}\n`);
    if (server.url !== undefined && server.ariPassword !== undefined && server.ariPassword !== result.user.password) {
      io.stdout(`note: the config's ari_password for server ${server.name} is not the provisioned one; set ARI_PASSWORD from ${envFile}\n`);
    }
  } else if (server.password !== '' && server.password !== result.user.password) {
    io.stdout(`note: the config's ARI password for server ${server.name} is not the provisioned one; set ARI_PASSWORD from ${envFile}\n`);
  }
  for (const n of result.notes) io.stdout(`note: ${n}\n`);
  if (result.reloads.length === 0) io.stdout('Asterisk: nothing changed, no reload needed\n');
  else io.stdout(`Asterisk: load the changed files (after including them, see their headers):\n${result.reloads.map((c) => `  ${asteriskCommand(c)}\n`).join('')}`);
  return EXIT.ok;
}

/** How the app's calls enter it, for the summary (nothing for today's inbound Stasis()). */
function entrySummary(app: AppPlan, result: ProvisionResult): string {
  const e = app.entry;
  if (e.kind === 'broadcast') return `, StasisBroadcast to ${e.filter} (timeout ${e.timeoutMs} ms)`;
  const client = result.outbound?.apps.find((a) => a.app === app.app)?.websocketClientId;
  if (e.connection === 'inbound' || client === undefined) return '';
  return `, ${e.connection === 'per_call' ? 'a WebSocket per call' : 'a persistent WebSocket'} (ari.conf [${app.app}], websocket_client.conf [${client}])`;
}

function usage(ctx: CliContext, message: string): number {
  ctx.io.stderr(`voxtra provision: ${message}\n`);
  return EXIT.usage;
}
