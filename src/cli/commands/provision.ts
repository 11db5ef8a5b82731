import path from 'node:path';
import { Option, type Command } from 'commander';
import { displayPath } from '../../config/display-path';
import { parseFallback, provision, type CatchAllMode, type Fallback } from '../../provision';
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
}

/** `voxtra provision`: writes the Asterisk side of every app (dialplan, ARI user, HTTP server) into a folder. */
export function registerProvision(program: Command, ctx: CliContext): void {
  program
    .command('provision')
    .description('Write the Asterisk side of every app: dialplan contexts (DIDs into Stasis, fallback, queues), an ari.conf user, http.conf settings.')
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .option('-o, --out <dir>', 'folder to write into (include its files from /etc/asterisk)', 'asterisk')
    .option('--server <name>', 'the ARI server (of the config) this Asterisk is (default: the first)')
    .option('--fallback <spec...>', 'what callers get when Voxtra is not connected: sound:NAME (default sound:vm-nobodyavail), hangup, queue:NAME or dialplan:CTX,EXTEN[,PRIO]; prefix with APP= for one app')
    .option('--catch-all', 'always send any number into Stasis (default: only when a route, rule or default can take numbers no DID names)')
    .option('--no-catch-all', 'never add the catch-all: only the DIDs the routes name')
    .addOption(new Option('--context-prefix <prefix>', 'prefix of the generated context names').default('voxtra'))
    .option('--asterisk-dir <dir>', 'Asterisk\'s config folder, for the #include hints', '/etc/asterisk')
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
  });
  for (const f of result.files) io.stdout(`${f.changed ? 'wrote    ' : 'unchanged'} ${displayPath(io.cwd, f.path)}\n`);
  for (const app of result.plan.apps) {
    const dids = app.dids.map((d) => d.extension);
    io.stdout(`app ${app.app}: context ${app.inboundContext}, ${dids.length} DID extension${dids.length === 1 ? '' : 's'}${app.catchAll ? ' + catch-all' : ''}, fallback ${app.fallbackContext}\n`);
  }
  for (const q of result.plan.queues) io.stdout(`queues: context ${q.context}, ${q.queues.length} named queue${q.queues.length === 1 ? '' : 's'}${q.catchAll ? ' + any name' : ''}\n`);
  io.stdout(result.passwordGenerated ? `ARI user ${result.user.username}: generated a password (kept on later runs)\n` : `ARI user ${result.user.username}: kept the existing password\n`);
  if (server.password !== '' && server.password !== result.user.password) {
    io.stdout(`note: the config's ARI password for server ${server.name} is not the provisioned one; set ARI_PASSWORD from ${displayPath(io.cwd, path.join(outDir, 'voxtra.env'))}\n`);
  }
  return EXIT.ok;
}

function usage(ctx: CliContext, message: string): number {
  ctx.io.stderr(`voxtra provision: ${message}\n`);
  return EXIT.usage;
}
