import type { VoxtraConfig } from '../config/config-types';
import { RUNTIME_DEFAULTS } from '../config/runtime-settings';
import { systemClock, type Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { AppSnapshot } from '../ir/types';
import { createMetrics, type Metrics } from '../observability/metrics';
import type { OpsServer } from '../ops-server/server';
import { startOpsServerWithFallback } from '../ops-server/start-with-fallback';
import { Reloader, type ReloadReport } from '../reload/reloader';
import { SpeechReloadPolicy, type ServicesBuilder } from '../reload/speech-policy';
import { createWorkerCompiler, type WorkerCompiler } from '../reload/worker-compiler';
import { Runtime, policiesFromSettings, type RuntimeServer, type ShutdownReport } from '../runtime/runtime';
import { serversFromConfig } from '../runtime/servers-from-config';
import { buildServices, type RuntimeServices } from '../runtime/services';
import type { AriSimulator } from '../simulator/ari-simulator';
import { startHostSimulator } from './host-simulator';
import type { HostOptions, HostRefusal } from './host-options';
import { runtimeTime } from './time-scale';

/** What {@link createHost} gives: a host ready to start, or why it refused. */
export type HostCreation = { readonly host: Host; readonly refused?: undefined } | { readonly host?: undefined; readonly refused: HostRefusal };

/** How {@link Host.stop} ends the calls in progress. */
export interface HostStopOptions {
  /** How long calls in progress may go on (default: the config's `runtime.shutdown.grace`). */
  readonly graceMs?: number;
  /** `false`: close at once without waiting for calls (a test that ended its calls itself). Default true. */
  readonly drain?: boolean;
}

interface HostParts {
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly servers: readonly RuntimeServer[];
  readonly logger: Logger;
  readonly config?: VoxtraConfig;
  readonly simulator?: AriSimulator;
  readonly metrics?: Metrics;
  readonly opsServer?: OpsServer;
  readonly services: () => RuntimeServices;
  readonly reloader?: Reloader;
  /** A compiler the host made, closed with it. */
  readonly compiler?: WorkerCompiler;
  readonly watch: boolean;
}

/**
 * The one composition root: builds everything a running Voxtra needs from a
 * config and compiled snapshots (the ARI servers or the built-in simulator,
 * text-to-speech, metrics, the {@link Runtime}, the ops server on
 * `http.listen`, the reloader) without starting anything that takes calls.
 * `voxtra run`, `VoxtraApp` and `voxtra test` are its callers; signals and
 * exit codes stay with them.
 *
 * Resolves with `{ refused }` when text-to-speech cannot work or the ops
 * server cannot listen (nothing is left running then); other failures (the
 * simulator's port, say) reject.
 */
export async function createHost(opts: HostOptions): Promise<HostCreation> {
  const { config, logger } = opts;
  const base = opts.clock ?? systemClock;
  const scale = opts.timeScale ?? 1;
  const time = runtimeTime(base, scale, logger);
  let simulator: AriSimulator | undefined;
  let servers: readonly RuntimeServer[];
  if (opts.simulator) {
    const started = await startHostSimulator({
      apps: opts.snapshots.map((s) => s.app),
      ...(config ? { queuesContext: config.queues.context } : {}),
      ...(scale !== 1 ? { timeScale: scale } : {}),
      ...opts.simulator,
    });
    simulator = started.simulator;
    servers = [started.server];
  } else {
    servers = opts.servers ?? (config ? serversFromConfig(config.ari) : []);
  }

  let speech: SpeechReloadPolicy | undefined;
  let services: RuntimeServices = opts.services ?? {};
  if (!opts.services && config) {
    const build: ServicesBuilder = (snapshots, cfg) =>
      buildServices({
        snapshots,
        baseDir: cfg.dir,
        ...(cfg.tts ? { tts: cfg.tts } : {}),
        simulator: simulator !== undefined,
        // Speech engines do real I/O: their deadlines run on the unscaled clock.
        clock: base,
        logger,
        ...(opts.speech?.handlers ? { handlers: true } : {}),
        ...(opts.speech?.engine ? { ttsEngine: opts.speech.engine } : {}),
        ...(opts.speech?.dir !== undefined ? { ttsDir: opts.speech.dir } : {}),
      });
    try {
      services = await build(opts.snapshots, config);
    } catch (err) {
      await simulator?.stop();
      return { refused: { reason: (err as Error).message, error: err as Error } };
    }
    speech = new SpeechReloadPolicy(services, build);
  }

  const metrics = opts.metrics === false ? undefined : (opts.metrics ?? createMetrics());
  const runtime = new Runtime({
    servers,
    snapshots: opts.snapshots,
    logger,
    clock: time.clock,
    services,
    ...(metrics ? { metrics } : {}),
    ...(config ? { policies: policiesFromSettings(config.runtime) } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.code ? { code: opts.code } : {}),
    ...(opts.observer ? { observer: opts.observer } : {}),
    ...(opts.forward ? { forward: opts.forward } : {}),
    ...(opts.onCallEnded ? { onCallEnded: opts.onCallEnded } : {}),
    ...((opts.ari ?? time.ari) ? { ari: opts.ari ?? time.ari } : {}),
    ...((opts.httpRouter ?? time.httpRouter) ? { httpRouter: opts.httpRouter ?? time.httpRouter } : {}),
  });

  let opsServer: OpsServer | undefined;
  if (config?.http && metrics && opts.opsServer !== false) {
    try {
      opsServer = await startOpsServerWithFallback({ listen: config.http.listen, simulator: simulator !== undefined, metrics, readiness: () => runtime.readiness(), logger });
    } catch (err) {
      await simulator?.stop();
      const reason = `the ops server cannot listen on ${config.http.listen}: ${(err as Error).message}`;
      return { refused: { reason, error: new VoxtraError('CONFIG_INVALID', reason, { listen: config.http.listen }, { cause: err }) } };
    }
  }

  let reloader: Reloader | undefined;
  let compiler: WorkerCompiler | undefined;
  const reload = opts.reload;
  if (reload && config) {
    const follow = opts.followLogLevel;
    const policy = speech;
    if (!reload.compiler) compiler = createWorkerCompiler();
    reloader = new Reloader({
      runtime,
      load: reload.load,
      config,
      compiler: reload.compiler ?? compiler,
      logger,
      ...(metrics ? { metrics } : {}),
      ...(reload.debounceMs !== undefined ? { debounceMs: reload.debounceMs } : {}),
      ...(reload.failedApps ? { failedApps: reload.failedApps } : {}),
      ...(reload.accept ? { accept: reload.accept } : {}),
      ...(policy ? { prepare: (snapshots, next, running) => policy.prepare(snapshots, next, running) } : {}),
      onConfig: (next, previous) => {
        if (follow && next.log.level !== previous.log.level) {
          follow.level = next.log.level;
          logger.info({ level: next.log.level }, `log level is now ${next.log.level}`);
        }
        reload.onConfig?.(next, previous);
      },
      ...(reload.onReloaded ? { onReloaded: reload.onReloaded } : {}),
    });
  }

  const host = new Host({
    runtime,
    clock: time.clock,
    servers,
    logger,
    ...(config ? { config } : {}),
    ...(simulator ? { simulator } : {}),
    ...(metrics ? { metrics } : {}),
    ...(opsServer ? { opsServer } : {}),
    services: () => speech?.services ?? services,
    ...(reloader ? { reloader } : {}),
    ...(compiler ? { compiler } : {}),
    watch: reload?.watch !== false,
  });
  return { host };
}

/**
 * A built Voxtra: {@link start} connects and (when asked) watches the files,
 * {@link reload} reloads now, {@link stop} drains and closes everything the
 * host started. No signals: the CLI maps its own onto these.
 */
export class Host {
  /** The runtime: apps, servers, calls. */
  readonly runtime: Runtime;
  /** The runtime's clock (scaled when a time scale was asked for). */
  readonly clock: Clock;
  /** The servers the runtime connects to. */
  readonly servers: readonly RuntimeServer[];
  /** The simulator the host started, if any. */
  readonly simulator: AriSimulator | undefined;
  readonly metrics: Metrics | undefined;
  /** The ops server (/healthz, /readyz, /metrics), when the config has `http.listen`. */
  readonly opsServer: OpsServer | undefined;
  private stopping: Promise<ShutdownReport | undefined> | undefined;

  constructor(private readonly parts: HostParts) {
    this.runtime = parts.runtime;
    this.clock = parts.clock;
    this.servers = parts.servers;
    this.simulator = parts.simulator;
    this.metrics = parts.metrics;
    this.opsServer = parts.opsServer;
  }

  /** The config of the last accepted reload (the one given at first). */
  get config(): VoxtraConfig | undefined {
    return this.parts.reloader?.currentConfig ?? this.parts.config;
  }

  /** The services new calls get (rebuilt by a reload that changes `tts`). */
  get services(): RuntimeServices {
    return this.parts.services();
  }

  /** Snapshots new calls get, one per app served. */
  get snapshots(): AppSnapshot[] {
    return this.runtime.apps.map((app) => this.runtime.snapshot(app) as AppSnapshot);
  }

  /**
   * Connects to the servers (the runtime starts taking calls) and starts
   * watching the files when reload is on. Resolves once the watcher is
   * ready; rejects when it cannot watch (the runtime keeps running).
   */
  start(): Promise<void> {
    this.runtime.start();
    const reloader = this.parts.reloader;
    if (!reloader || !this.parts.watch) return Promise.resolve();
    return reloader.watch();
  }

  /** Resolves once every server is connected; rejects after `realMs` real milliseconds (the servers keep retrying). */
  waitUntilConnected(realMs: number): Promise<void> {
    // Real time whatever the runtime's clock: a FakeClock must not be left with a pending timer, a scaled one not shorten it.
    return this.runtime.waitUntilConnected(realMs, systemClock);
  }

  /** Reloads the project now (a SIGHUP). Never rejects once created with `reload`; failures are in the report. */
  reload(reason: string): Promise<ReloadReport> {
    const reloader = this.parts.reloader;
    if (!reloader) return Promise.reject(new VoxtraError('CONFIG_INVALID', 'nothing to reload: the host was not given the project it was loaded from'));
    return reloader.reload(reason);
  }

  /** Hangs up every call in progress now (a second stop signal); returns how many. */
  hangUpNow(why: string): number {
    return this.runtime.hangUpNow(why);
  }

  /**
   * Stops watching, stops taking calls, lets calls in progress finish for up
   * to `graceMs`, hangs up the rest, then closes the connections, the ops
   * server, the compile worker and the simulator. Idempotent. Resolves with
   * the shutdown report (undefined with `drain: false`).
   */
  stop(opts: HostStopOptions = {}): Promise<ShutdownReport | undefined> {
    this.stopping ??= this.runStop(opts);
    return this.stopping;
  }

  private async runStop(opts: HostStopOptions): Promise<ShutdownReport | undefined> {
    await this.parts.reloader?.close();
    let report: ShutdownReport | undefined;
    if (opts.drain === false) await this.runtime.stop();
    else report = await this.runtime.shutdown({ graceMs: opts.graceMs ?? this.config?.runtime.shutdown.graceMs ?? RUNTIME_DEFAULTS.shutdown.graceMs });
    await this.opsServer?.close();
    await this.parts.compiler?.close();
    await this.simulator?.stop();
    return report;
  }
}
