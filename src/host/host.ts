import type { VoxtraConfig } from '../config/config-types';
import { RUNTIME_DEFAULTS } from '../config/runtime-settings';
import { systemClock, type Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import type { Metrics } from '../observability/metrics';
import type { OpsServer } from '../ops-server/server';
import type { ReloadReport, Reloader } from '../reload/reloader';
import type { WorkerCompiler } from '../reload/worker-compiler';
import type { Runtime, RuntimeServer, ShutdownReport } from '../runtime/runtime';
import type { RuntimeServices } from '../runtime/services';
import type { AriSimulator } from '../simulator/ari-simulator';

/** How {@link Host.stop} ends the calls in progress. */
export interface HostStopOptions {
  /** How long calls in progress may go on (default: the config's `runtime.shutdown.grace`). */
  readonly graceMs?: number;
  /** `false`: close at once without waiting for calls (a test that ended its calls itself). Default true. */
  readonly drain?: boolean;
}

/** What {@link createHost} built, handed to the {@link Host}. */
export interface HostParts {
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly servers: readonly RuntimeServer[];
  readonly config?: VoxtraConfig;
  readonly simulator?: AriSimulator;
  readonly metrics?: Metrics;
  readonly opsServer?: OpsServer;
  readonly services: () => RuntimeServices;
  readonly reloader?: Reloader;
  /** A compiler the host made, closed with it. */
  readonly compiler?: WorkerCompiler;
  /** Watch the files on {@link Host.start}. */
  readonly watch: boolean;
}

/**
 * A built Voxtra (see `createHost`): {@link start} connects and (when
 * asked) watches the files, {@link reload} reloads now, {@link stop} drains
 * and closes everything the host started. No signals: the CLI maps its own
 * onto these.
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
