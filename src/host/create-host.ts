import type { VoxtraConfig } from '../config/config-types';
import { systemClock, type Clock } from '../core/clock';
import { VoxtraError, isVoxtraError } from '../core/errors';
import { createMetrics, type Metrics } from '../observability/metrics';
import type { OpsServer } from '../ops-server/server';
import { startOpsServerWithFallback } from '../ops-server/start-with-fallback';
import { Reloader } from '../reload/reloader';
import { SpeechReloadPolicy, type ServicesBuilder } from '../reload/speech-policy';
import { createWorkerCompiler, type WorkerCompiler } from '../reload/worker-compiler';
import { Runtime, policiesFromSettings, type RuntimeServer } from '../runtime/runtime';
import { serversFromConfig } from '../runtime/servers-from-config';
import { broadcastPools } from '../runtime/broadcast-claims';
import { buildServices } from '../runtime/services';
import type { AriSimulator } from '../simulator/ari-simulator';
import { Host } from './host';
import { startHostSimulator } from './host-simulator';
import type { HostOptions, HostRefusal } from './host-options';
import { runtimeTime } from './time-scale';

/** What {@link createHost} gives: a host ready to start, or why it refused. */
export type HostCreation = { readonly host: Host; readonly refused?: undefined } | { readonly host?: undefined; readonly refused: HostRefusal };

/**
 * The one composition root: builds everything a running Voxtra needs from a
 * config and compiled snapshots (the ARI servers or the built-in simulator,
 * text-to-speech, metrics, the {@link Runtime}, the ops server on
 * `http.listen`, the reloader) without taking calls yet: {@link Host.start}
 * does. `voxtra run`, `VoxtraApp` and `voxtra test` are its callers; signals
 * and exit codes stay with them.
 *
 * Resolves with `{ refused }` when text-to-speech cannot work or the ops
 * server cannot listen (nothing is left running then); other failures (the
 * simulator's port, say) reject.
 */
export async function createHost(opts: HostOptions): Promise<HostCreation> {
  const { config, logger } = opts;
  const base = opts.clock ?? systemClock;
  const time = runtimeTime(base, opts.timeScale ?? 1, logger);
  let targets: { simulator?: AriSimulator; servers: readonly RuntimeServer[] };
  try {
    targets = await connectTo(opts);
  } catch (err) {
    // A listen server's TLS files could not be read.
    if (!isVoxtraError(err) && (err as NodeJS.ErrnoException).code === undefined) throw err;
    return { refused: { reason: (err as Error).message, error: err as Error } };
  }
  const { simulator, servers } = targets;

  let speech: SpeechReloadPolicy | undefined;
  if (!opts.services && config) {
    const build = servicesBuilder(opts, base, simulator !== undefined);
    try {
      speech = new SpeechReloadPolicy(await build(opts.snapshots, config), build);
    } catch (err) {
      await simulator?.stop();
      return { refused: { reason: (err as Error).message, error: err as Error } };
    }
  }
  const services = speech?.services ?? opts.services ?? {};

  const metrics = opts.metrics === false ? undefined : (opts.metrics ?? createMetrics());
  const runtime = new Runtime({
    servers,
    snapshots: opts.snapshots,
    logger,
    clock: time.clock,
    services,
    metrics,
    policies: config ? policiesFromSettings(config.runtime) : undefined,
    random: opts.random,
    code: opts.code,
    observer: opts.observer,
    forward: opts.forward,
    onCallEnded: opts.onCallEnded,
    ari: opts.ari ?? time.ari,
    httpRouter: opts.httpRouter ?? time.httpRouter,
    ...(config && !opts.simulator ? { broadcast: broadcastPools(config.apps) } : {}),
  });

  try {
    // Listen servers bind now: a taken port refuses the start before anything else listens.
    await runtime.bind();
  } catch (err) {
    await runtime.stop();
    await simulator?.stop();
    const reason = `cannot listen for Asterisk connections: ${(err as Error).message}`;
    return { refused: { reason, error: new VoxtraError('CONFIG_INVALID', reason, {}, { cause: err }) } };
  }

  let opsServer: OpsServer | undefined;
  if (config?.http && metrics) {
    const listen = config.http.listen;
    try {
      opsServer = await startOpsServerWithFallback({ listen, simulator: simulator !== undefined, metrics, readiness: () => runtime.readiness(), logger });
    } catch (err) {
      await runtime.stop();
      await simulator?.stop();
      const reason = `the ops server cannot listen on ${listen}: ${(err as Error).message}`;
      return { refused: { reason, error: new VoxtraError('CONFIG_INVALID', reason, { listen }, { cause: err }) } };
    }
  }

  const compiler = opts.reload && config && !opts.reload.compiler ? createWorkerCompiler() : undefined;
  const reloader = config ? reloaderFor(opts, config, runtime, metrics, speech, compiler) : undefined;
  const host = new Host({
    runtime,
    clock: time.clock,
    servers,
    config,
    simulator,
    metrics,
    opsServer,
    services: () => speech?.services ?? services,
    reloader,
    compiler,
    watch: opts.reload?.watch !== false,
  });
  return { host };
}

/** The servers the runtime connects to: the simulator the host starts, or the given (configured) ones. */
async function connectTo(opts: HostOptions): Promise<{ simulator?: AriSimulator; servers: readonly RuntimeServer[] }> {
  if (!opts.simulator) return { servers: opts.servers ?? (opts.config ? serversFromConfig(opts.config.ari) : []) };
  const scale = opts.timeScale ?? 1;
  const { simulator, server } = await startHostSimulator({
    apps: opts.snapshots.map((s) => s.app),
    ...(opts.config ? { queuesContext: opts.config.queues.context } : {}),
    ...(scale !== 1 ? { timeScale: scale } : {}),
    ...opts.simulator,
  });
  return { simulator, servers: [server] };
}

/** How the host builds (and a reload rebuilds) the services under a config. */
function servicesBuilder(opts: HostOptions, base: Clock, simulator: boolean): ServicesBuilder {
  const speech = opts.speech;
  return (snapshots, cfg) =>
    buildServices({
      snapshots,
      baseDir: cfg.dir,
      tts: cfg.tts,
      simulator,
      // Speech engines do real I/O: their deadlines run on the unscaled clock.
      clock: base,
      logger: opts.logger,
      handlers: speech?.handlers,
      ttsEngine: speech?.engine,
      ttsDir: speech?.dir,
    });
}

function reloaderFor(opts: HostOptions, config: VoxtraConfig, runtime: Runtime, metrics: Metrics | undefined, speech: SpeechReloadPolicy | undefined, compiler: WorkerCompiler | undefined): Reloader | undefined {
  const reload = opts.reload;
  if (!reload) return undefined;
  const { logger, followLogLevel: follow } = opts;
  return new Reloader({
    runtime,
    load: reload.load,
    config,
    compiler: reload.compiler ?? compiler,
    logger,
    metrics,
    debounceMs: reload.debounceMs,
    failedApps: reload.failedApps,
    accept: reload.accept,
    prepare: speech ? (snapshots, next, running) => speech.prepare(snapshots, next, running) : undefined,
    onConfig: (next, previous) => {
      if (!opts.simulator) void runtime.setBroadcast(broadcastPools(next.apps));
      if (follow && next.log.level !== previous.log.level) {
        follow.level = next.log.level;
        logger.info({ level: next.log.level }, `log level is now ${next.log.level}`);
      }
      reload.onConfig?.(next, previous);
    },
    onReloaded: reload.onReloaded,
  });
}
