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
import { loadProject } from '../config/load-project';
import { systemClock, type Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import { ScaledClock } from '../core/scaled-clock';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import { formatDiagnostics } from '../diagnostics/format';
import type { AppSnapshot } from '../ir/types';
import { createLogger } from '../observability/logger';
import { scaledRuntimeOptions } from '../cli/time-scale';
import { policiesFromSettings, Runtime, type RuntimeOptions, type RuntimeServer } from '../runtime/runtime';
import { buildServices } from '../runtime/services';
import type { CallHandler } from '../session/call-handlers';
import { AriSimulator } from '../simulator/ari-simulator';
import type { CachingTtsService } from '../tts/caching-tts-service';
import { AppRouter } from './app-router';
import type { RouteSpec } from './route-spec';
import type { SimulatorStartOptions, StartOptions } from './start-options';
import { waitForServers } from './wait-for-servers';
import { serversFromConfig } from '../runtime/servers-from-config';

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
  /** The config the app runs with (defaults filled in). */
  readonly config: VoxtraConfig;
  private readonly files = new Map<string, AppSnapshot>();
  private runtime?: Runtime;
  private simulator?: AriSimulator;
  private clock: Clock = systemClock;
  private speech?: CachingTtsService;

  /**
   * A code-only app: no flow files, routes defined with {@link route}.
   * (`loaded` is how {@link fromConfig} hands over compiled flow files.)
   */
  constructor(opts: VoxtraAppOptions = {}, loaded?: LoadedFiles) {
    if (loaded) {
      this.config = loaded.config;
      for (const s of loaded.snapshots) this.files.set(s.app, s);
    } else {
      const raw = {
        app: opts.app ?? 'voxtra',
        ...(opts.ari ? { ari: opts.ari } : {}),
        ...(opts.queues ? { queues: opts.queues } : {}),
        ...(opts.calendars ? { calendars: opts.calendars } : {}),
        ...(opts.tts ? { tts: opts.tts } : {}),
      };
      const { config, diagnostics } = configFromObject(raw, { dir: path.resolve(opts.baseDir ?? process.cwd()), env: opts.env ?? process.env });
      if (!config) throw configError('the app options do not validate', diagnostics);
      this.config = config;
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
    const project = await loadProject({ cwd: isDir ? resolved : cwd, env: opts.env ?? process.env, ...(isDir ? {} : { configPath: resolved }) });
    if (project.usageError) throw new VoxtraError('CONFIG_INVALID', project.usageError);
    const compiled = compileProject(project);
    const config = project.config as VoxtraConfig | undefined;
    if (!config || hasErrors(compiled.diagnostics)) throw configError(`${configPath} does not validate`, compiled.diagnostics);
    const snapshots = compiled.apps.map((a) => a.snapshot).filter((s): s is AppSnapshot => s !== undefined);
    return new VoxtraApp({}, { config, snapshots, ...(opts.app !== undefined ? { app: opts.app } : {}) });
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
    return this.speech;
  }

  /** The running runtime, once started. */
  get running(): Runtime | undefined {
    return this.runtime;
  }

  /**
   * Connects to Asterisk (the config's `ari` servers) or to the built-in
   * simulator, and handles calls until {@link stop}. Text-to-speech is
   * checked and every literal `say` text of the flow files is rendered first.
   * Resolves with the simulator when one was asked for.
   */
  async start(opts: StartOptions = {}): Promise<AriSimulator | undefined> {
    if (this.runtime) throw new VoxtraError('CONFIG_INVALID', 'the app is already started');
    this.router.checkDefault(this.files.get(this.appName) as AppSnapshot);
    const logger: Logger = opts.logger ?? createLogger({ level: this.config.log.level, format: this.config.log.format });
    const snapshots = [...this.files.values()];
    let servers: RuntimeServer[];
    let sim: AriSimulator | undefined;
    let scaled: Partial<RuntimeOptions> = {};
    if (opts.simulator) {
      const so: SimulatorStartOptions = opts.simulator === true ? {} : opts.simulator;
      const { transport, clock: base = systemClock, ...simOpts } = so;
      const scale = so.timeScale ?? 1;
      // On the system clock, as `voxtra run --time-scale`: calls run scaled, network deadlines stay real time.
      if (scale !== 1 && base === systemClock) scaled = scaledRuntimeOptions(scale, logger);
      this.clock = scaled.clock ?? (scale === 1 ? base : new ScaledClock(scale, base));
      const simulatorOptions = { queuesContext: this.config.queues.context, ...simOpts, clock: base, apps: snapshots.map((s) => s.app) };
      sim = transport === 'in-process' ? AriSimulator.createInProcess(simulatorOptions) : await AriSimulator.start({ host: '127.0.0.1', port: 0, ...simulatorOptions });
      const credentials = { username: so.username ?? 'voxtra', password: so.password ?? 'voxtra' };
      servers = [transport === 'in-process' ? { name: 'simulator', transport: sim.createTransport() } : { name: 'simulator', url: sim.url, ...credentials }];
    } else {
      this.clock = opts.clock ?? systemClock;
      servers = serversFromConfig(this.config.ari);
    }
    try {
      const services = await buildServices({
        snapshots,
        baseDir: this.config.dir,
        ...(this.config.tts ? { tts: this.config.tts } : {}),
        simulator: sim !== undefined,
        clock: this.clock,
        logger,
        handlers: true,
        ...(opts.ttsEngine ? { ttsEngine: opts.ttsEngine } : {}),
        ...(opts.ttsDir ? { ttsDir: opts.ttsDir } : {}),
      });
      this.speech = services.tts;
      this.runtime = new Runtime({
        servers,
        snapshots,
        logger,
        clock: this.clock,
        services,
        code: this.router,
        policies: policiesFromSettings(this.config.runtime),
        ...(scaled.ari ? { ari: scaled.ari } : {}),
        ...(opts.httpRouter ? { httpRouter: opts.httpRouter } : scaled.httpRouter ? { httpRouter: scaled.httpRouter } : {}),
        ...(opts.observer ? { observer: opts.observer } : {}),
      });
    } catch (err) {
      await sim?.stop();
      throw err;
    }
    this.simulator = sim;
    this.runtime.start();
    const connected = await waitForServers(this.runtime, opts.connectTimeoutMs ?? 10_000);
    if (!connected) logger.warn({ servers: servers.map((s) => s.name) }, 'not connected to ARI yet; retrying in the background');
    return sim;
  }

  /**
   * Stops taking calls, lets calls in progress finish for up to `graceMs`
   * (default: the config's `runtime.shutdown.grace`), hangs up the rest, and
   * disconnects; stops the simulator if `start` started one.
   */
  async stop(opts: { graceMs?: number } = {}): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    await runtime.shutdown({ graceMs: opts.graceMs ?? this.config.runtime.shutdown.graceMs });
    this.runtime = undefined;
    this.speech = undefined;
    await this.simulator?.stop();
    this.simulator = undefined;
  }

  private routesChanged(): void {
    // The runtime adds the code routes to each snapshot it takes: hand it the file snapshot again.
    const files = this.files.get(this.appName);
    if (this.runtime && files) this.runtime.swapSnapshot(files);
  }
}
