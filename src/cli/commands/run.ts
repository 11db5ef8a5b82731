import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { compileProject } from '../../compiler/compile-project';
import { loadProject, type LoadProjectOptions } from '../../config/load-project';
import type { VoxtraConfig } from '../../config/config-types';
import { hasErrors } from '../../diagnostics/diagnostic';
import { formatDiagnostics } from '../../diagnostics/format';
import type { AppSnapshot } from '../../ir/types';
import type { OpsServer } from '../../ops-server/server';
import { createLogger, flushLogger } from '../../observability/logger';
import { createMetrics } from '../../observability/metrics';
import { Reloader } from '../../reload/reloader';
import { Runtime, policiesFromSettings, type RuntimeServer } from '../../runtime/runtime';
import { buildServices, sayTexts, type RuntimeServices } from '../../runtime/services';
import { createWorkerCompiler } from '../../reload/worker-compiler';
import { systemClock } from '../../core/clock';
import { AriSimulator } from '../../simulator';
import { EXIT, type CliContext } from '../cli-context';
import { handleRunSignals } from '../run-signals';
import { startOpsServerWithFallback } from '../../ops-server/start-with-fallback';
import { SIMULATOR_STATE_FILE, type SimulatorState } from '../simulator-state';
import { parseTimeScale, scaledRuntimeOptions } from '../time-scale';
import { serversFromConfig } from '../../runtime/servers-from-config';

interface RunOptions {
  config?: string;
  simulator?: boolean;
  simPort?: string;
  logLevel?: string;
  logFormat?: 'auto' | 'json' | 'pretty';
  timeScale?: string;
}

/** Default port of the built-in simulator: Asterisk's own HTTP port, when it is free. */
const SIM_DEFAULT_PORT = 8088;

/** `voxtra run [paths...]`: validate, connect to ARI (or the built-in simulator) and handle calls until stopped. */
export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('Validate the flows, connect to Asterisk through ARI and handle every call of the apps until stopped.')
    .argument('[paths...]', 'flow folders, files or globs (the flows of a single-app config)')
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .option('--simulator', 'run against the built-in ARI simulator instead of Asterisk (place calls with `voxtra call`)')
    .option('--sim-port <port>', `simulator port (default ${SIM_DEFAULT_PORT}, or any free port when it is taken)`)
    .option('--log-level <level>', 'log level (trace, debug, info, warn, error); overrides the config')
    .option('--log-format <format>', 'auto, json or pretty; overrides the config')
    .option('--time-scale <x>', 'with --simulator: real ms per simulated ms for the simulator and the call flows (0.02 = 50x faster; demos and tests)')
    .action(async (paths: string[], opts: RunOptions) => {
      ctx.exitCode = await run(paths, opts, ctx);
    });
}

async function run(paths: string[], opts: RunOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const timing = parseTimeScale(opts.timeScale, Boolean(opts.simulator));
  if ('error' in timing) {
    io.stderr(`voxtra: ${timing.error}\n`);
    return EXIT.usage;
  }
  const load: LoadProjectOptions = { cwd: io.cwd, env: io.env, ...(opts.config !== undefined ? { configPath: opts.config } : {}), ...(paths.length ? { paths } : {}) };
  const project = await loadProject(load);
  const color = io.isTTY && !io.env.NO_COLOR;
  if (project.configNotFound || project.usageError) {
    io.stderr(project.usageError ? `voxtra: ${project.usageError}\n` : formatDiagnostics(project.diagnostics, 'pretty', { color }));
    return EXIT.usage;
  }
  const compiled = compileProject(project);
  if (compiled.diagnostics.length > 0) io.stderr(formatDiagnostics(compiled.diagnostics, 'pretty', { color }));
  const config = project.config as VoxtraConfig | undefined;
  const snapshots = compiled.apps.map((a) => a.snapshot).filter((s): s is AppSnapshot => s !== undefined);
  // One tenant's broken files never keep the others from running; a broken config or no runnable app does.
  if (!config || hasErrors(project.diagnostics) || snapshots.length === 0) {
    io.stderr('voxtra: refusing to start: the configuration or flows have errors (see above)\n');
    return EXIT.problems;
  }
  const failedApps = compiled.apps.filter((a) => !a.snapshot).map((a) => ({ app: a.name, errors: a.diagnostics.filter((d) => d.severity === 'error').length }));
  if (failedApps.length > 0) {
    io.stderr(`voxtra: starting without app(s) ${failedApps.map((f) => f.app).join(', ')}: their flows have errors (see above); each starts once a reload finds it fixed\n`);
  }

  const logger = createLogger({ level: (opts.logLevel ?? config.log.level) as never, format: opts.logFormat ?? config.log.format });
  const metrics = createMetrics();
  let simulator: AriSimulator | undefined;
  let servers: RuntimeServer[];
  if (opts.simulator) {
    simulator = await startSimulator(opts.simPort, snapshots.map((s) => s.app), config.queues.context, timing.scale);
    servers = [{ name: 'simulator', url: simulator.url, username: 'voxtra', password: 'voxtra' }];
    await writeSimulatorState(io.cwd, { url: simulator.url, username: 'voxtra', password: 'voxtra', apps: snapshots.map((s) => s.app), pid: process.pid });
  } else {
    servers = serversFromConfig(config.ari);
  }

  const servicesFor = (snaps: readonly AppSnapshot[], cfg: VoxtraConfig): Promise<RuntimeServices> =>
    buildServices({ snapshots: snaps, baseDir: cfg.dir, tts: cfg.tts, simulator: Boolean(opts.simulator), clock: systemClock, logger });
  let services: RuntimeServices;
  try {
    services = await servicesFor(snapshots, config);
  } catch (err) {
    io.stderr(`voxtra: refusing to start: ${(err as Error).message}\n`);
    await simulator?.stop();
    return EXIT.problems;
  }
  const runtime = new Runtime({ servers, snapshots, logger, services, metrics, policies: policiesFromSettings(config.runtime), ...scaledRuntimeOptions(timing.scale, logger) });

  let ops: OpsServer | undefined;
  if (config.http) {
    try {
      ops = await startOpsServerWithFallback({ listen: config.http.listen, simulator: Boolean(opts.simulator), metrics, readiness: () => runtime.readiness(), logger });
    } catch (err) {
      io.stderr(`voxtra: refusing to start: the ops server cannot listen on ${config.http.listen}: ${(err as Error).message}\n`);
      await simulator?.stop();
      return EXIT.problems;
    }
  }
  runtime.start();
  for (const s of snapshots) logger.info({ app: s.app, version: s.version, flows: Object.keys(s.flows).length, routes: s.routes.length, files: s.files }, `app ${s.app} loaded (version ${s.version})`);
  if (simulator) printSimulatorHelp(io.stdout, simulator, snapshots);

  const compiler = createWorkerCompiler();
  const reloader = new Reloader({
    runtime,
    load,
    config,
    compiler,
    logger,
    metrics,
    failedApps,
    prepare: async (snaps, cfg) => {
      const tts = services.tts;
      const says = sayTexts(snaps);
      // Keep the speech cache when its settings did not change; only new texts are rendered.
      if (tts && JSON.stringify(cfg.tts) === JSON.stringify(reloader.currentConfig.tts)) {
        if (says.literal.length > 0) await tts.prerender(says.literal);
        return undefined;
      }
      if (!says.any && !tts) return undefined;
      services = await servicesFor(snaps, cfg);
      return services;
    },
    onConfig: (next, previous) => {
      if (opts.logLevel === undefined && next.log.level !== previous.log.level) {
        logger.level = next.log.level;
        logger.info({ level: next.log.level }, `log level is now ${next.log.level}`);
      }
      if (simulator) void writeSimulatorState(io.cwd, { url: simulator.url, username: 'voxtra', password: 'voxtra', apps: runtime.apps, pid: process.pid });
    },
  });
  // Watching starts alongside the connection; the first call need not wait for it.
  const watching = reloader.watch().catch((err: unknown) => logger.warn({ err }, 'cannot watch the config and flow files; reload with SIGHUP'));

  const signals = handleRunSignals(logger, {
    reload: () => void reloader.reload('SIGHUP'),
    hurry: () => runtime.hangUpNow('second stop signal'),
  });
  try {
    // Ten real seconds whatever the time scale (the runtime's clock may run faster).
    await runtime.waitUntilConnected(10_000 / timing.scale);
    logger.info({ servers: servers.map((s) => s.name) }, 'connected to ARI; handling calls');
  } catch (err) {
    // The supervisor keeps retrying; say so and keep running.
    logger.warn({ err }, 'not connected to ARI yet; retrying in the background');
  }
  await watching;
  await signals.stopped;
  logger.info({ activeCalls: runtime.activeCalls }, 'stopping');
  await reloader.close();
  const graceMs = reloader.currentConfig.runtime.shutdown.graceMs;
  await runtime.shutdown({ graceMs });
  signals.dispose();
  await ops?.close();
  await compiler.close();
  if (simulator) {
    await simulator.stop();
    await fs.rm(path.join(io.cwd, SIMULATOR_STATE_FILE), { force: true });
  }
  await flushLogger(logger);
  return EXIT.ok;
}

async function startSimulator(portOption: string | undefined, apps: string[], queuesContext: string, timeScale: number): Promise<AriSimulator> {
  const base = { host: '127.0.0.1', apps, queuesContext, timeScale };
  if (portOption !== undefined) {
    const port = Number(portOption);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--sim-port must be a port number (got ${portOption})`);
    return AriSimulator.start({ ...base, port });
  }
  try {
    return await AriSimulator.start({ ...base, port: SIM_DEFAULT_PORT });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return AriSimulator.start({ ...base, port: 0 });
  }
}

async function writeSimulatorState(cwd: string, state: SimulatorState): Promise<void> {
  const file = path.join(cwd, SIMULATOR_STATE_FILE);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
}

function printSimulatorHelp(out: (t: string) => void, sim: AriSimulator, snapshots: readonly AppSnapshot[]): void {
  const examples = exampleExtensions(snapshots);
  out(
    [
      '',
      `Built-in ARI simulator listening on ${sim.url} (user voxtra, password voxtra); apps: ${snapshots.map((s) => s.app).join(', ')}.`,
      'Place calls from another terminal, for example:',
      ...examples.map((e) => `  npx voxtra call ${e}`),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
}

function exampleExtensions(snapshots: readonly AppSnapshot[]): string[] {
  const out: string[] = [];
  const first = snapshots[0];
  if (!first) return out;
  const exact = first.routes.find((r) => r.match.length === 1 && r.match[0].field === 'extension' && r.match[0].matcher.kind === 'exact');
  if (exact && exact.match[0].matcher.kind === 'exact') out.push(exact.match[0].matcher.value);
  if (first.defaultTarget) out.push('5555 --dtmf "2s:1"');
  return out.length ? out : ['1000'];
}
