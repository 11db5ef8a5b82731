import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { compileProject } from '../../compiler/compile-project';
import { loadProject, type LoadProjectOptions } from '../../config/load-project';
import type { VoxtraConfig } from '../../config/config-types';
import { hasErrors } from '../../diagnostics/diagnostic';
import { formatDiagnostics } from '../../diagnostics/format';
import type { AppSnapshot } from '../../ir/types';
import { createHost, type Host, type HostSimulatorOptions } from '../../host';
import { createLogger, flushLogger } from '../../observability/logger';
import type { AriSimulator } from '../../simulator';
import { EXIT, type CliContext } from '../cli-context';
import { handleRunSignals } from '../run-signals';
import { SIMULATOR_STATE_FILE, type SimulatorState } from '../simulator-state';
import { parseTimeScale } from '../time-scale';

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
  const simulator = opts.simulator ? simulatorOptions(opts.simPort) : undefined;
  // The reloader outlives this call's set-up; it reaches the host through here.
  const started: { host?: Host } = {};
  const created = await createHost({
    config,
    snapshots,
    logger,
    timeScale: timing.scale,
    ...(simulator ? { simulator } : {}),
    reload: {
      load,
      failedApps,
      onConfig: () => {
        const running = started.host;
        if (running?.simulator) void writeSimulatorState(io.cwd, simulatorState(running.simulator, running.runtime.apps));
      },
    },
    ...(opts.logLevel === undefined ? { followLogLevel: logger } : {}),
  });
  if (created.refused) {
    io.stderr(`voxtra: refusing to start: ${created.refused.reason}\n`);
    return EXIT.problems;
  }
  const host = created.host;
  started.host = host;
  if (host.simulator) await writeSimulatorState(io.cwd, simulatorState(host.simulator, snapshots.map((s) => s.app)));
  // Watching starts alongside the connection; the first call need not wait for it.
  const watching = host.start().catch((err: unknown) => logger.warn({ err }, 'cannot watch the config and flow files; reload with SIGHUP'));
  for (const s of snapshots) logger.info({ app: s.app, version: s.version, flows: Object.keys(s.flows).length, routes: s.routes.length, files: s.files }, `app ${s.app} loaded (version ${s.version})`);
  if (host.simulator) printSimulatorHelp(io.stdout, host.simulator, snapshots);

  const signals = handleRunSignals(logger, {
    reload: () => void host.reload('SIGHUP'),
    hurry: () => host.hangUpNow('second stop signal'),
  });
  try {
    await host.waitUntilConnected(10_000);
    logger.info({ servers: host.servers.map((s) => s.name) }, 'connected to ARI; handling calls');
  } catch (err) {
    // The supervisor keeps retrying; say so and keep running.
    logger.warn({ err }, 'not connected to ARI yet; retrying in the background');
  }
  await watching;
  await signals.stopped;
  logger.info({ activeCalls: host.runtime.activeCalls }, 'stopping');
  await host.stop();
  signals.dispose();
  if (host.simulator) await fs.rm(path.join(io.cwd, SIMULATOR_STATE_FILE), { force: true });
  await flushLogger(logger);
  return EXIT.ok;
}

/** The simulator `voxtra run --simulator` starts: loopback, on Asterisk's port when it is free unless `--sim-port` says. */
function simulatorOptions(portOption: string | undefined): HostSimulatorOptions {
  if (portOption === undefined) return { transport: 'http', host: '127.0.0.1', port: SIM_DEFAULT_PORT, freePortIfTaken: true };
  const port = Number(portOption);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--sim-port must be a port number (got ${portOption})`);
  return { transport: 'http', host: '127.0.0.1', port };
}

function simulatorState(sim: AriSimulator, apps: string[]): SimulatorState {
  return { url: sim.url, username: 'voxtra', password: 'voxtra', apps, pid: process.pid };
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
