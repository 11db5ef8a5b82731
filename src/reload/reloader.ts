import path from 'node:path';
import type { Logger } from '../core/logger';
import type { CompiledApp } from '../compiler/project-types';
import type { VoxtraConfig } from '../config/config-types';
import type { LoadProjectOptions } from '../config/load-project';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { AppSnapshot } from '../ir/types';
import type { Metrics } from '../observability/metrics';
import { getRouteIndex } from '../routing/route-index';
import type { StepServices } from '../steps/step-definition';
import { watchProject, type ProjectWatcher } from '../watch/watcher';
import { compileOnThisThread, type CompiledProjectResult, type ProjectCompiler } from './project-compiler';
import { restartOnlyChanges } from './restart-only';
import { policiesFromSettings, type Runtime } from '../runtime/runtime';

/** What happened to one app in a reload. */
export interface AppReloadOutcome {
  readonly app: string;
  /**
   * `updated`/`added`: a new snapshot went live; `unchanged`: same version;
   * `removed`: no longer in the config (its calls finish first);
   * `rejected`: its files have errors, the last good snapshot stays;
   * `failed`: its files have errors and it has no good snapshot at all.
   */
  readonly change: 'updated' | 'added' | 'unchanged' | 'removed' | 'rejected' | 'failed';
  readonly version?: string;
  readonly previous?: string;
  readonly errors?: number;
}

/** The outcome of one reload, as logged and returned. */
export interface ReloadReport {
  readonly reason: string;
  /** `rejected` when the config or any app was refused (the other apps may still have changed). */
  readonly result: 'accepted' | 'rejected';
  readonly apps: readonly AppReloadOutcome[];
  /** Errors found (config and apps). */
  readonly errors: number;
  /** Whole reload, ms. */
  readonly durationMs: number;
  /** Load + compile (in the worker when there is one), ms. */
  readonly compileMs: number;
  /** Main-thread work on the new snapshots (route index pre-build, swap), ms: what calls in progress may feel. */
  readonly swapMs: number;
  /** Settings that changed but only apply after a restart. */
  readonly restartNeeded: readonly string[];
}

export interface ReloaderOptions {
  readonly runtime: Runtime;
  /** How the project was loaded at start; every reload loads it the same way. */
  readonly load: LoadProjectOptions;
  /** The config the runtime started with. */
  readonly config: VoxtraConfig;
  /** Default: on this thread. `voxtra run` passes a worker-thread compiler. */
  readonly compiler?: ProjectCompiler;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Quiet time that ends a burst of file changes. Default 300 ms. */
  readonly debounceMs?: number;
  /**
   * Runs before new snapshots go live, with the snapshots that will run, the
   * new config and the running one (text-to-speech pre-rendering, see
   * speech-policy.ts). May return new services for new calls; a throw rejects
   * the whole reload.
   */
  readonly prepare?: (snapshots: readonly AppSnapshot[], config: VoxtraConfig, running: VoxtraConfig) => Promise<StepServices | undefined>;
  /**
   * Checks the snapshots a reload would run before anything else happens;
   * a returned reason rejects the whole reload (the code routes of a
   * `VoxtraApp` that a changed file contradicts).
   */
  readonly accept?: (snapshots: readonly AppSnapshot[]) => string | undefined;
  /** Called with each accepted config (what the caller applies itself, e.g. the log level). */
  readonly onConfig?: (config: VoxtraConfig, previous: VoxtraConfig) => void;
  /** Called with every reload's report (tests, status displays). */
  readonly onReloaded?: (report: ReloadReport) => void;
  /** Apps that failed to compile at start (they run once they compile). */
  readonly failedApps?: ReadonlyArray<{ readonly app: string; readonly errors: number }>;
}

// Enough to find the problem; a broken 10k-route file must not flood the log.
const MAX_LOGGED_DIAGNOSTICS = 20;

/**
 * Hot reload: watches the config and every flow path, and on each burst of
 * changes (or {@link reload}, e.g. on SIGHUP) loads and compiles the whole
 * project off the call path, then swaps each app's snapshot atomically. An
 * app whose files have errors keeps its last good snapshot and its
 * diagnostics are logged; other apps are not affected. Apps added to or
 * removed from the config are registered or retired on every server.
 * Reloads never overlap: changes during one lead to one more afterwards.
 */
export class Reloader {
  private readonly runtime: Runtime;
  private readonly log: Logger;
  private readonly compile: ProjectCompiler;
  private config: VoxtraConfig;
  private watcher: ProjectWatcher | undefined;
  private watched: string[] = [];
  private current: Promise<ReloadReport> | undefined;
  private queued: { reasons: string[]; promise: Promise<ReloadReport> } | undefined;
  private closed = false;
  private watching = false;

  constructor(private readonly opts: ReloaderOptions) {
    this.runtime = opts.runtime;
    this.log = opts.logger;
    this.compile = opts.compiler ?? compileOnThisThread;
    this.config = opts.config;
    if (opts.failedApps) this.runtime.setAppProblems(Object.fromEntries(opts.failedApps.map((f) => [f.app, f.errors])));
  }

  /** The config of the last accepted reload. */
  get currentConfig(): VoxtraConfig {
    return this.config;
  }

  /** Paths being watched (absolute; folders, files or globs). */
  get watchedPaths(): readonly string[] {
    return this.watched;
  }

  /** Starts watching the config and flow paths; resolves once the watcher is ready. */
  async watch(): Promise<void> {
    this.watching = true;
    await this.rewatch();
  }

  /**
   * Reloads now. While a reload runs, further requests merge into one more
   * reload after it. Never rejects: failures are in the report (and the log).
   */
  reload(reason: string): Promise<ReloadReport> {
    if (!this.current) return this.run(reason);
    if (this.queued) {
      this.queued.reasons.push(reason);
      return this.queued.promise;
    }
    const reasons = [reason];
    const promise = this.current.then(() => {
      this.queued = undefined;
      return this.run([...new Set(reasons)].join('; '));
    });
    this.queued = { reasons, promise };
    return promise;
  }

  /** Stops watching; a reload in progress finishes. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.watcher;
    this.watcher = undefined;
    await w?.close();
    await this.current;
  }

  private run(reason: string): Promise<ReloadReport> {
    const p = this.reloadOnce(reason);
    this.current = p;
    void p.finally(() => {
      if (this.current === p) this.current = undefined;
    });
    return p;
  }

  private async reloadOnce(reason: string): Promise<ReloadReport> {
    const started = performance.now();
    this.log.info({ reason }, 'reloading the configuration and flows');
    let compiled: CompiledProjectResult;
    try {
      compiled = await this.compile(this.opts.load);
    } catch (err) {
      this.log.error({ err }, 'reload failed: the project could not be loaded; the running snapshots stay live');
      return this.finish(reason, started, 0, 0, { result: 'rejected', apps: [], errors: 1, restartNeeded: [] });
    }
    const compileMs = performance.now() - started;
    const config = compiled.config;
    const configErrors = compiled.configDiagnostics.filter((d) => d.severity === 'error');
    if (!config || compiled.fatal || configErrors.length > 0) {
      if (compiled.fatal) this.log.error({ problem: compiled.fatal }, `reload rejected: ${compiled.fatal}`);
      this.logDiagnostics(compiled.configDiagnostics, undefined);
      this.log.error({ errors: configErrors.length }, 'reload rejected: the config has errors; every app keeps its running snapshot');
      return this.finish(reason, started, compileMs, 0, { result: 'rejected', apps: [], errors: Math.max(1, configErrors.length), restartNeeded: [] });
    }
    this.logDiagnostics(compiled.configDiagnostics, undefined);

    const swapStarted = performance.now();
    const plan = this.plan(compiled.apps);
    const refusal = this.opts.accept?.(plan.snapshots);
    if (refusal !== undefined) {
      this.log.error({ problem: refusal }, `reload rejected: ${refusal}; the running snapshots stay live`);
      return this.finish(reason, started, compileMs, 0, { result: 'rejected', apps: plan.outcomes, errors: 1, restartNeeded: [] });
    }
    // The route index of a snapshot is built on its first lookup; build it here so the first call does not pay.
    for (const s of plan.fresh) getRouteIndex(s);
    let swapMs = performance.now() - swapStarted;

    if (this.opts.prepare) {
      try {
        const services = await this.opts.prepare(plan.snapshots, config, this.config);
        if (services) this.runtime.setServices(services);
      } catch (err) {
        this.log.error({ err }, 'reload rejected: preparing the new flows failed (text-to-speech); the running snapshots stay live');
        return this.finish(reason, started, compileMs, swapMs, { result: 'rejected', apps: plan.outcomes, errors: 1, restartNeeded: [] });
      }
    }

    const applyStarted = performance.now();
    this.runtime.setAppProblems(Object.fromEntries(plan.outcomes.filter((o) => o.change === 'rejected' || o.change === 'failed').map((o) => [o.app, o.errors ?? 1])));
    this.runtime.setPolicies(policiesFromSettings(config.runtime));
    const appsChanged = this.runtime.setApps(plan.snapshots);
    swapMs += performance.now() - applyStarted;
    await appsChanged;

    const previous = this.config;
    const restartNeeded = restartOnlyChanges(previous, config);
    if (restartNeeded.length > 0) this.log.warn({ settings: restartNeeded }, `changed settings that only apply after a restart: ${restartNeeded.join(', ')}`);
    this.config = config;
    this.opts.onConfig?.(config, previous);
    await this.rewatch().catch((err: unknown) => this.log.warn({ err }, 'could not watch the new paths'));

    const rejected = plan.outcomes.some((o) => o.change === 'rejected' || o.change === 'failed');
    const errors = plan.outcomes.reduce((n, o) => n + (o.errors ?? 0), 0);
    return this.finish(reason, started, compileMs, swapMs, { result: rejected ? 'rejected' : 'accepted', apps: plan.outcomes, errors, restartNeeded });
  }

  /** Decides, per app, which snapshot runs next. Unchanged versions keep the running object (and its route index). */
  private plan(apps: readonly CompiledApp[]): { snapshots: AppSnapshot[]; fresh: AppSnapshot[]; outcomes: AppReloadOutcome[] } {
    const snapshots: AppSnapshot[] = [];
    const fresh: AppSnapshot[] = [];
    const outcomes: AppReloadOutcome[] = [];
    const names = new Set(apps.map((a) => a.name));
    for (const app of apps) {
      // Compared with the files' snapshot: the running one may carry code routes (VoxtraApp), with a version of its own.
      const running = this.runtime.filesSnapshot(app.name);
      const errors = app.diagnostics.filter((d) => d.severity === 'error').length;
      if (app.snapshot) {
        this.logDiagnostics(app.diagnostics, app.name);
        if (running && running.version === app.snapshot.version) {
          snapshots.push(running);
          outcomes.push({ app: app.name, change: 'unchanged', version: running.version });
        } else {
          snapshots.push(app.snapshot);
          fresh.push(app.snapshot);
          outcomes.push({ app: app.name, change: running ? 'updated' : 'added', version: app.snapshot.version, ...(running ? { previous: running.version } : {}) });
        }
        continue;
      }
      this.logDiagnostics(app.diagnostics, app.name);
      if (running) {
        snapshots.push(running);
        outcomes.push({ app: app.name, change: 'rejected', version: running.version, errors });
        this.log.error({ app: app.name, errors, version: running.version }, `reload of app ${app.name} rejected (${errors} error(s)); version ${running.version} stays live`);
      } else {
        outcomes.push({ app: app.name, change: 'failed', errors });
        this.log.error({ app: app.name, errors }, `app ${app.name} has errors (${errors}) and no good version yet; it is not registered`);
      }
    }
    for (const app of this.runtime.apps) if (!names.has(app)) outcomes.push({ app, change: 'removed', previous: this.runtime.filesSnapshot(app)?.version });
    return { snapshots, fresh, outcomes };
  }

  private finish(reason: string, started: number, compileMs: number, swapMs: number, rest: Pick<ReloadReport, 'result' | 'apps' | 'errors' | 'restartNeeded'>): ReloadReport {
    const durationMs = performance.now() - started;
    const report: ReloadReport = { reason, durationMs, compileMs, swapMs, ...rest };
    this.opts.metrics?.observeReload(report.result, durationMs);
    const summary = report.apps.map((a) => `${a.app}: ${a.change}${a.version ? ` ${a.version}` : ''}`).join(', ');
    const fields = { reason, result: report.result, apps: report.apps, errors: report.errors, durationMs: round(durationMs), compileMs: round(compileMs), swapMs: round(swapMs) };
    if (report.result === 'accepted') this.log.info(fields, `reload accepted${summary ? ` (${summary})` : ''}`);
    else this.log.warn(fields, `reload rejected${summary ? ` (${summary})` : ''}`);
    try {
      this.opts.onReloaded?.(report);
    } catch (err) {
      this.log.warn({ err }, 'reload listener failed');
    }
    return report;
  }

  private logDiagnostics(diagnostics: readonly Diagnostic[], app: string | undefined): void {
    const shown = diagnostics.slice(0, MAX_LOGGED_DIAGNOSTICS);
    for (const d of shown) {
      const where = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''}` : 'config';
      const fields = { ...(app ? { app } : {}), code: d.code, file: d.file, line: d.line, column: d.column, path: d.path, hint: d.hint };
      const text = `${where}: ${d.code} ${d.message}`;
      if (d.severity === 'error') this.log.error(fields, text);
      else this.log.warn(fields, text);
    }
    if (diagnostics.length > shown.length) this.log.error({ ...(app ? { app } : {}), more: diagnostics.length - shown.length }, `... and ${diagnostics.length - shown.length} more problem(s)`);
  }

  private async rewatch(): Promise<void> {
    if (this.closed || !this.watching) return;
    const paths = watchPaths(this.config, this.opts.load);
    if (this.watcher && paths.length === this.watched.length && paths.every((p, i) => p === this.watched[i])) return;
    const old = this.watcher;
    this.watcher = undefined;
    await old?.close();
    this.watched = paths;
    this.watcher = await watchProject({
      paths,
      cwd: this.opts.load.cwd,
      debounceMs: this.opts.debounceMs,
      onChange: async (batch) => {
        const changed = batch.paths.map((p) => path.relative(this.opts.load.cwd, p) || p);
        await this.reload(`files changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`);
      },
      onError: (err) => this.log.warn({ err }, 'file watcher problem'),
    });
    if (this.closed) await this.watcher.close();
  }
}

/** The config file and every app's flow paths, absolute and sorted. Command-line paths replace the app's flows. */
export function watchPaths(config: VoxtraConfig, load: LoadProjectOptions): string[] {
  const out = new Set<string>();
  if (config.file) out.add(config.file);
  if (load.paths && load.paths.length > 0) {
    for (const p of load.paths) out.add(path.resolve(load.cwd, p));
  } else {
    for (const app of config.apps) for (const f of app.flows) out.add(path.resolve(app.baseDir, f));
  }
  return [...out].sort();
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
