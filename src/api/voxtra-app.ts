import { statSync } from 'node:fs';
import path from 'node:path';
import { CalendarSet } from '../calendar/calendar-set';
import type { CalendarState } from '../calendar/calendar-spec';
import { compileProject } from '../compiler/compile-project';
import { deepFreeze } from '../compiler/deep-freeze';
import { snapshotVersion } from '../compiler/snapshot';
import { appSettings } from '../config/app-settings';
import { configFromObject } from '../config/config-from-object';
import type { VoxtraConfig } from '../config/config-types';
import { loadProject, type LoadProjectOptions } from '../config/load-project';
import { systemClock, type Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import { formatDiagnostics } from '../diagnostics/format';
import { createHost, type Host, type HostReloadOptions, type HostSimulatorOptions } from '../host';
import type { AppSnapshot } from '../ir/types';
import { createLogger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { OpsServer } from '../ops-server/server';
import type { ReloadReport } from '../reload/reloader';
import type { Runtime } from '../runtime/runtime';
import type { CallHandler } from '../session/call-handlers';
import type { AriSimulator } from '../simulator/ari-simulator';
import type { CachingTtsService } from '../tts/caching-tts-service';
import { AppRouter } from './app-router';
import type { RouteSpec } from './route-spec';
import type { StartOptions } from './start-options';

/** A code-only app (`new VoxtraApp(...)`): the config sections it needs, as in `voxtra.config.yaml`. */
export interface VoxtraAppOptions {
  /** Stasis app name: `Stasis(<app>)` in the dialplan (default `voxtra`). */
  readonly app?: string;
  /** The ARI server to connect to without the simulator (default: ARI_URL, ARI_USERNAME, ARI_PASSWORD). */
  readonly ari?: { readonly url: string; readonly username?: string; readonly password?: string };
  /** Where `transferToQueue` continues (default `{ context: 'voxtra-queues' }`). */
  readonly queues?: { readonly context: string };
  /** Business-hours calendars, as the config's `calendars` section (see docs/calendars.md). */
  readonly calendars?: Readonly<Record<string, unknown>>;
  /** Text-to-speech, as the config's `tts` section (see docs/tts.md). */
  readonly tts?: Readonly<Record<string, unknown>>;
  /** The ops server, as the config's `http` section: `/healthz`, `/readyz` and `/metrics` on `listen` once started. */
  readonly http?: { readonly listen: string };
  /** Folder relative paths (a relative `tts.dir`) resolve against (default: the working folder). */
  readonly baseDir?: string;
  /** Environment for ARI_* defaults (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** `VoxtraApp.fromConfig(path, options)`. */
export interface FromConfigOptions {
  /** The Stasis app code routes belong to, when the config declares several (default: the first). */
  readonly app?: string;
  /** Environment for `${NAME}` in the config (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder file names in messages are shown relative to (default: the working folder). */
  readonly cwd?: string;
}

/** Compiled flow files, as {@link VoxtraApp.fromConfig} passes them to the constructor. */
export interface LoadedFiles {
  readonly config: VoxtraConfig;
  readonly snapshots: readonly AppSnapshot[];
  /** The app code routes belong to (default: the config's first). */
  readonly app?: string;
  /** How the files were loaded: the app reloads them the same way when they change. */
  readonly load?: LoadProjectOptions;
}

/** Decorator-style registration: returns the handler, so registrations stack. */
export type RouteDecorator = <H extends CallHandler>(handler: H) => H;

function configError(what: string, diagnostics: readonly Diagnostic[]): VoxtraError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return new VoxtraError('CONFIG_INVALID', `${what}:\n${formatDiagnostics(errors, 'pretty', { color: false }).trimEnd()}`, { diagnostics: errors });
}

/** The snapshot of an app with no flow files: no flows, routes or default of its own. */
function emptySnapshot(config: VoxtraConfig): AppSnapshot {
  const app = config.apps[0];
  const content = { app: app.name, flows: {}, routes: [], dispatch: [], lazyFacts: [], settings: appSettings(config, app) };
  return deepFreeze({ ...content, version: snapshotVersion(content), files: [] });
}

/**
 * Voxtra from TypeScript. Routes come from flow files
 * ({@link VoxtraApp.fromConfig}), from code ({@link route}, {@link default},
 * `router.dispatchRules`), or both; either way one router resolves every
 * call and handlers get the same `call` object as the YAML steps:
 *
 * ```ts
 * const app = await VoxtraApp.fromConfig('voxtra.config.yaml');
 * app.route({ extension: '1000', metadata: { queue: 'support' } })(async (call) => {
 *   await call.answer();
 *   await call.say('Connecting you to support.');
 *   await call.transferToQueue(String(call.metadata.queue));
 * });
 * await app.start();
 * ```
 */
export class VoxtraApp {
  /** Static routes (file and code), code dispatch rules and the code default of {@link appName}. */
  readonly router: AppRouter;
  private readonly files = new Map<string, AppSnapshot>();
  private readonly load?: LoadProjectOptions;
  private loadedConfig: VoxtraConfig;
  private host?: Host;
  private clock: Clock = systemClock;

  /**
   * A code-only app: no flow files, routes defined with {@link route}.
   * (`loaded` is how {@link fromConfig} hands over compiled flow files.)
   */
  constructor(opts: VoxtraAppOptions = {}, loaded?: LoadedFiles) {
    if (loaded) {
      this.loadedConfig = loaded.config;
      this.load = loaded.load;
      for (const s of loaded.snapshots) this.files.set(s.app, s);
    } else {
      const raw = {
        app: opts.app ?? 'voxtra',
        ...(opts.ari ? { ari: opts.ari } : {}),
        ...(opts.queues ? { queues: opts.queues } : {}),
        ...(opts.calendars ? { calendars: opts.calendars } : {}),
        ...(opts.tts ? { tts: opts.tts } : {}),
        ...(opts.http ? { http: opts.http } : {}),
      };
      const { config, diagnostics } = configFromObject(raw, { dir: path.resolve(opts.baseDir ?? process.cwd()), env: opts.env ?? process.env });
      if (!config) throw configError('the app options do not validate', diagnostics);
      this.loadedConfig = config;
      this.files.set(config.apps[0].name, emptySnapshot(config));
    }
    const target = loaded?.app ?? this.config.apps[0].name;
    if (!this.files.has(target)) throw new VoxtraError('CONFIG_INVALID', `the config has no app "${target}" (apps: ${[...this.files.keys()].join(', ')})`);
    this.router = new AppRouter(target, () => this.files.get(target) as AppSnapshot, () => this.routesChanged());
  }

  /**
   * An app whose routes and flows come from a config file (or a folder with
   * `voxtra.config.{yaml,yml,toml,json}`) and its flow files, validated as
   * `voxtra validate` does. Rejects with `VoxtraError('CONFIG_INVALID')`
   * listing the problems (also in `details.diagnostics`).
   */
  static async fromConfig(configPath: string, opts: FromConfigOptions = {}): Promise<VoxtraApp> {
    const cwd = opts.cwd ?? process.cwd();
    const resolved = path.resolve(cwd, configPath);
    const isDir = statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ?? false;
    const load: LoadProjectOptions = { cwd: isDir ? resolved : cwd, env: opts.env ?? process.env, ...(isDir ? {} : { configPath: resolved }) };
    const project = await loadProject(load);
    if (project.usageError) throw new VoxtraError('CONFIG_INVALID', project.usageError);
    const compiled = compileProject(project);
    const config = project.config as VoxtraConfig | undefined;
    if (!config || hasErrors(compiled.diagnostics)) throw configError(`${configPath} does not validate`, compiled.diagnostics);
    const snapshots = compiled.apps.map((a) => a.snapshot).filter((s): s is AppSnapshot => s !== undefined);
    return new VoxtraApp({}, { config, snapshots, load, ...(opts.app !== undefined ? { app: opts.app } : {}) });
  }

  /** The config the app runs with (defaults filled in; the latest accepted one after a reload). */
  get config(): VoxtraConfig {
    return this.loadedConfig;
  }

  /** The Stasis app code routes belong to. */
  get appName(): string {
    return this.router.app;
  }

  /** The Stasis apps this app serves. */
  get apps(): string[] {
    return [...this.files.keys()];
  }

  /** What new calls to `app` run on: its flow files plus the code routes (default: {@link appName}). */
  snapshot(app = this.appName): AppSnapshot | undefined {
    const files = this.files.get(app);
    return files && this.router.extend(files);
  }

  /**
   * Registers a handler for calls matching `spec`; returns a function that
   * takes the handler and returns it unchanged, so registrations stack:
   * `app.route({ extension: '2000' })(app.route({ extension: '2001' })(handler))`.
   */
  route(spec: RouteSpec): RouteDecorator {
    return (handler) => {
      this.router.addRoute(spec, handler);
      return handler;
    };
  }

  /** Registers the handler of calls no route or rule takes (an error when the flow files have a `default` too). */
  default(): RouteDecorator {
    return (handler) => {
      this.router.setDefault(handler);
      return handler;
    };
  }

  /** Alias of {@link default}. */
  defaultRoute(): RouteDecorator {
    return this.default();
  }

  /** The state of a config calendar now, on the runtime's clock. */
  calendarState(name: string): CalendarState {
    return new CalendarSet(this.snapshot()?.settings.calendars as ConstructorParameters<typeof CalendarSet>[0]).state(name, this.clock.now());
  }

  /**
   * The text-to-speech service once started: `tts.prerender([{ text }])`
   * renders a handler's phrases ahead of calls; `tts.stats` counts cache
   * hits and syntheses.
   */
  get tts(): CachingTtsService | undefined {
    return this.host?.services.tts;
  }

  /** The running runtime, once started. */
  get running(): Runtime | undefined {
    return this.host?.runtime;
  }

  /** Calls, steps, ARI requests and reloads counted since {@link start} (`metrics.render()` is what `/metrics` serves). */
  get metrics(): Metrics | undefined {
    return this.host?.metrics;
  }

  /** The ops server (`/healthz`, `/readyz`, `/metrics`) once started, when the config has `http.listen`: its `url` and `address`. */
  get opsServer(): Pick<OpsServer, 'url' | 'address'> | undefined {
    return this.host?.opsServer;
  }

  /**
   * Connects to Asterisk (the config's `ari` servers) or to the built-in
   * simulator, and handles calls until {@link stop}. Text-to-speech is
   * checked and every literal `say` text of the flow files is rendered first;
   * the ops server starts on the config's `http.listen`; an app made with
   * {@link fromConfig} watches its config and flow files and reloads them.
   * Resolves with the simulator when one was asked for.
   */
  async start(opts: StartOptions = {}): Promise<AriSimulator | undefined> {
    if (this.host) throw new VoxtraError('CONFIG_INVALID', 'the app is already started');
    this.router.checkDefault(this.files.get(this.appName) as AppSnapshot);
    // A logger made here from the config follows `log.level` of reloaded configs; the caller's own is left alone.
    const own = opts.logger ? undefined : createLogger({ level: this.config.log.level, format: this.config.log.format });
    const logger: Logger = opts.logger ?? (own as Logger);
    let clock: Clock;
    let timeScale = 1;
    let simulator: HostSimulatorOptions | undefined;
    if (opts.simulator) {
      const so = opts.simulator === true ? {} : opts.simulator;
      const { transport, clock: base = systemClock, ...simOpts } = so;
      clock = base;
      timeScale = so.timeScale ?? 1;
      // The simulator serves this app's Stasis apps, whatever its options say.
      simulator = { ...simOpts, transport: transport ?? 'http', clock: base, apps: [...this.files.keys()] };
    } else {
      clock = opts.clock ?? systemClock;
    }
    const created = await createHost({
      config: this.config,
      snapshots: [...this.files.values()],
      logger,
      clock,
      timeScale,
      ...(simulator ? { simulator } : {}),
      speech: { handlers: true, ...(opts.ttsEngine ? { engine: opts.ttsEngine } : {}), ...(opts.ttsDir ? { dir: opts.ttsDir } : {}) },
      code: this.router,
      ...(opts.httpRouter ? { httpRouter: opts.httpRouter } : {}),
      ...(opts.observer ? { observer: opts.observer } : {}),
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
      ...(own ? { followLogLevel: own } : {}),
      ...(this.load ? { reload: this.reloadOptions(this.load, opts) } : {}),
    });
    if (created.refused) throw created.refused.error;
    const host = created.host;
    this.host = host;
    this.clock = host.clock;
    await host.start().catch((err: unknown) => logger.warn({ err }, 'cannot watch the config and flow files; reload with app.reload()'));
    try {
      await host.waitUntilConnected(opts.connectTimeoutMs ?? 10_000);
    } catch {
      logger.warn({ servers: host.servers.map((s) => s.name) }, 'not connected to ARI yet; retrying in the background');
    }
    return host.simulator;
  }

  /**
   * Reloads the config and flow files now, as a change to them does (an app
   * made with {@link fromConfig}, once started). Never rejects for broken
   * files: the report says what was rejected, and the running version stays.
   */
  async reload(reason = 'app.reload()'): Promise<ReloadReport> {
    if (!this.host) throw new VoxtraError('CONFIG_INVALID', 'the app is not started');
    return this.host.reload(reason);
  }

  /**
   * Stops watching, stops taking calls, lets calls in progress finish for up
   * to `graceMs` (default: the config's `runtime.shutdown.grace`), hangs up
   * the rest, and disconnects; stops the ops server, and the simulator if
   * `start` started one.
   */
  async stop(opts: { graceMs?: number } = {}): Promise<void> {
    const host = this.host;
    if (!host) return;
    await host.stop({ graceMs: opts.graceMs ?? this.config.runtime.shutdown.graceMs });
    this.host = undefined;
  }

  private reloadOptions(load: LoadProjectOptions, opts: StartOptions): HostReloadOptions {
    return {
      load,
      watch: opts.watch ?? true,
      // A files default beside the code default: which should win is not obvious, so the reload is refused, as at start.
      accept: (snapshots) => {
        const files = snapshots.find((s) => s.app === this.appName);
        if (!files) return undefined;
        try {
          this.router.checkDefault(files);
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
      onReloaded: (report) => this.reloaded(report, opts.onReloaded),
    };
  }

  /** The files of an accepted reload become what code routes are checked against and added to. */
  private reloaded(report: ReloadReport, listener: ((report: ReloadReport) => void) | undefined): void {
    const host = this.host;
    if (host) {
      const served = new Set(host.runtime.apps);
      for (const app of served) this.files.set(app, host.runtime.filesSnapshot(app) as AppSnapshot);
      // The app code routes belong to stays known even when a reload removes it from the config.
      for (const app of [...this.files.keys()]) if (!served.has(app) && app !== this.appName) this.files.delete(app);
      if (host.config) this.loadedConfig = host.config;
    }
    listener?.(report);
  }

  private routesChanged(): void {
    // The runtime adds the code routes to each snapshot it takes: hand it the file snapshot again.
    const files = this.files.get(this.appName);
    if (this.host && files) this.host.runtime.swapSnapshot(files);
  }
}
