import { systemClock, type Clock, type TimerHandle } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncomingCall } from '../control/incoming-call';
import type { CallControl } from '../control/call-control';
import { createAriServer, type AriServer } from '../ari/ari-server';
import type { ReconcileReport } from '../ari/ari-gateway';
import type { BackoffOptions } from '../ari/backoff';
import type { AriTransport } from '../ari/transport';
import { RUNTIME_DEFAULTS, type ChannelPolicy, type RuntimeSettings } from '../config/runtime-settings';
import { readinessReport, type AppReadiness, type ReadinessReport } from '../ops-server/readiness';
import type { AppSnapshot } from '../ir/types';
import { callLogger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { HttpRouter } from '../routing/http-router-types';
import { createHttpRouter } from '../routing/http-router';
import { logSafe } from '../routing/dial-safety';
import { getRouteIndex } from '../routing/route-index';
import type { CodeRouting } from '../session/call-handlers';
import { runCallSession, type ForwardHandler, type SessionResult } from '../session/call-session';
import { forwardCall } from '../session/forward';
import { combineObservers, type SessionObserver } from '../session/observer';
import type { StepServices } from '../steps/step-definition';
import { metricOutcome } from './call-outcome';
import { boundIncoming } from './bounded-input';
import { applyChannelPolicy } from './channel-policy';
import { serverReadiness } from './server-readiness';

/** One Asterisk server the runtime connects to. */
export interface RuntimeServer {
  readonly name: string;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  /** A ready transport instead of url/credentials (the simulator's in-process one). */
  readonly transport?: AriTransport;
  /** ARI requests in flight at once to this server; overrides `ari.maxInFlight`. */
  readonly maxInFlight?: number;
}

/** What the runtime does with calls it will not run a flow for (see `runtime` in the config). */
export interface RuntimePolicies {
  /** Channels found in our apps after a (re)connect that no session runs. Default hangup. */
  readonly unknownChannels: ChannelPolicy;
  /** Calls arriving while shutting down, or for an app a reload removes. Default hangup. */
  readonly newCallsWhileStopping: ChannelPolicy;
  /** How long calls of an app a reload removed may go on before they are hung up. Default 30 s. */
  readonly removedAppGraceMs: number;
}

export interface RuntimeOptions {
  readonly servers: readonly RuntimeServer[];
  /** The compiled apps to run; each becomes a Stasis app on every server. */
  readonly snapshots: readonly AppSnapshot[];
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly services?: StepServices;
  readonly httpRouter?: HttpRouter;
  readonly forward?: ForwardHandler;
  /** Routes, handlers and dispatch rules defined in code (the TypeScript API's `VoxtraApp`). */
  readonly code?: CodeRouting;
  /** Extra observer for every call (tests, `voxtra test`, metrics). */
  readonly observer?: SessionObserver;
  /** Where calls, steps, ARI requests, reconnects and snapshots are counted. */
  readonly metrics?: Metrics;
  readonly policies?: Partial<RuntimePolicies>;
  readonly ari?: {
    readonly requestTimeoutMs?: number;
    readonly connectTimeoutMs?: number;
    readonly maxInFlight?: number;
    readonly pingIntervalMs?: number;
    readonly pongTimeoutMs?: number;
    readonly backoff?: BackoffOptions;
  };
  /** Called when each call ends (metrics, tests). */
  readonly onCallEnded?: (info: { app: string; server: string; channelId: string; result: SessionResult }) => void;
}

/** The runtime policies a config's `runtime` section sets. */
export function policiesFromSettings(settings: RuntimeSettings): RuntimePolicies {
  return { unknownChannels: settings.unknownChannels, newCallsWhileStopping: settings.shutdown.newCalls, removedAppGraceMs: settings.shutdown.graceMs };
}

/** What {@link Runtime.shutdown} did. */
export interface ShutdownReport {
  /** Calls in progress when shutdown began. */
  readonly inProgress: number;
  /** Of those, calls that ended on their own within the grace period. */
  readonly finished: number;
  /** Calls hung up because the grace period ran out. */
  readonly hungUp: number;
}

/** Live object counts, for leak checks and `/readyz`. */
export interface RuntimeCounts {
  /** Call sessions running. */
  readonly sessions: number;
  /** Channels being handed a policy (hangup or continue) right now. */
  readonly policyActions: number;
  /** Summed over servers: channel controls, dial legs and event listeners still held. */
  readonly liveControls: number;
  readonly dialLegs: number;
  readonly demuxListeners: number;
}

interface LiveCall {
  readonly app: string;
  readonly server: string;
  readonly channelId: string;
  readonly version: string;
  readonly control: CallControl;
  readonly done: Promise<SessionResult>;
  /** Set when shutdown (or an app's removal) hung the call up. */
  cut: boolean;
}

interface AppEntry {
  snapshot: AppSnapshot;
  /** Set while a reload removes the app: its calls finish, new ones get the policy. */
  retiring?: boolean;
}

const DEFAULT_POLICIES: RuntimePolicies = {
  unknownChannels: RUNTIME_DEFAULTS.unknownChannels,
  newCallsWhileStopping: RUNTIME_DEFAULTS.shutdown.newCalls,
  removedAppGraceMs: RUNTIME_DEFAULTS.shutdown.graceMs,
};

/** After the grace period, how long hung-up calls get to report their end before the sockets close. */
const CUT_CALLS_WAIT_MS = 5000;

/**
 * The running product: one supervised connection per Asterisk server, one
 * current snapshot per app, one session per call. A call runs to its end on
 * the snapshot that was current when it arrived. Reloads swap snapshots and
 * add or remove apps ({@link setApps}); {@link shutdown} stops taking calls,
 * lets calls in progress finish up to a bound and closes the connections.
 */
export class Runtime {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly appEntries = new Map<string, AppEntry>();
  private readonly servers: AriServer[] = [];
  private readonly live = new Map<string, LiveCall>();
  private readonly policyTasks = new Set<Promise<unknown>>();
  /** Apps whose files have errors: with a running snapshot (a rejected reload) or without one (never compiled). */
  private readonly problems = new Map<string, number>();
  private readonly httpRouter: HttpRouter;
  private readonly observer: SessionObserver | undefined;
  private readonly metrics: Metrics | undefined;
  private policies: RuntimePolicies;
  private services: StepServices | undefined;
  private started = false;
  private draining = false;
  private shuttingDown: Promise<ShutdownReport> | undefined;

  constructor(private readonly opts: RuntimeOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger;
    this.metrics = opts.metrics;
    this.services = opts.services;
    this.policies = { ...DEFAULT_POLICIES, ...opts.policies };
    for (const raw of opts.snapshots) {
      const s = opts.code?.extend?.(raw) ?? raw;
      this.appEntries.set(s.app, { snapshot: s });
      this.metrics?.setSnapshot(s.app, s.version);
    }
    this.httpRouter = opts.httpRouter ?? createHttpRouter({ clock: this.clock, logger: this.log });
    const metrics = this.metrics;
    const stepMetrics: SessionObserver | undefined = metrics ? { stepFinished: (e) => metrics.observeStep(e.type, e.durationMs) } : undefined;
    this.observer = stepMetrics && opts.observer ? combineObservers(opts.observer, stepMetrics) : (stepMetrics ?? opts.observer);
  }

  /** Apps this runtime serves (not those a reload is removing). */
  get apps(): string[] {
    return [...this.appEntries].filter(([, e]) => !e.retiring).map(([name]) => name);
  }

  /** The snapshot new calls to `app` get. */
  snapshot(app: string): AppSnapshot | undefined {
    const entry = this.appEntries.get(app);
    return entry && !entry.retiring ? entry.snapshot : undefined;
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.live.size;
  }

  /** True once {@link shutdown} began: new calls get the policy. */
  get isDraining(): boolean {
    return this.draining;
  }

  get ariServers(): readonly AriServer[] {
    return this.servers;
  }

  get counts(): RuntimeCounts {
    const sum = { liveControls: 0, dialLegs: 0, demuxListeners: 0 };
    for (const s of this.servers) {
      const c = s.gateway.counts;
      sum.liveControls += c.liveControls;
      sum.dialLegs += c.dialLegs;
      sum.demuxListeners += c.demuxListeners;
    }
    return { sessions: this.live.size, policyActions: this.policyTasks.size, ...sum };
  }

  /** Creates the server connections and starts supervising them (they reconnect forever). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const spec of this.opts.servers) {
      const { backoff, ...ari } = this.opts.ari ?? {};
      const metrics = this.metrics;
      const server = createAriServer({
        name: spec.name,
        apps: this.registeredApps(),
        url: spec.url,
        username: spec.username,
        password: spec.password,
        transport: spec.transport,
        clock: this.clock,
        random: this.opts.random,
        // The ARI modules bind `server` themselves; a bound logger here printed the key twice on every line.
        logger: this.log,
        ...ari,
        ...(spec.maxInFlight !== undefined ? { maxInFlight: spec.maxInFlight } : {}),
        ...(backoff ? { backoff } : {}),
        onReconciled: (report) => this.reconciled(spec.name, report),
        ...(metrics ? { onRequest: (r: { server: string; operation: string; durationMs: number; error?: number | string }) => metrics.observeAriRequest(r) } : {}),
      });
      server.gateway.onIncoming((call) => this.handle(call));
      server.gateway.onReplaced((app) => {
        this.log.error({ server: spec.name, app }, `/readyz now reports not ready: app ${app} on server ${spec.name} belongs to another ARI client`);
      });
      if (metrics) this.meterServer(server, metrics);
      server.supervisor.start();
      this.servers.push(server);
    }
  }

  /** Resolves once every server is connected, or rejects after `timeoutMs`. */
  async waitUntilConnected(timeoutMs: number): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve, reject) => {
            if (server.supervisor.ready) return resolve();
            const timer = this.clock.setTimeout(() => {
              off();
              reject(new Error(`ARI server ${server.gateway.server} is not connected after ${timeoutMs} ms (${server.supervisor.status.lastError ?? server.supervisor.status.state})`));
            }, timeoutMs);
            const off = server.supervisor.onStatus(() => {
              if (!server.supervisor.ready) return;
              this.clock.clearTimeout(timer);
              off();
              resolve();
            });
          }),
      ),
    );
  }

  /** Swaps an app's snapshot atomically: new calls get it, calls in progress keep theirs. */
  swapSnapshot(fromFiles: AppSnapshot): void {
    // The running snapshot handed back (a reload that changed nothing) is already extended and indexed.
    const running = this.appEntries.get(fromFiles.app);
    if (running && running.snapshot === fromFiles && !running.retiring) return;
    const snapshot = running?.snapshot === fromFiles ? fromFiles : (this.opts.code?.extend?.(fromFiles) ?? fromFiles);
    // The route index is built per snapshot on first lookup; build it now, off any call's path.
    getRouteIndex(snapshot);
    const entry = this.appEntries.get(snapshot.app);
    const old = entry?.snapshot;
    if (entry) {
      entry.snapshot = snapshot;
      if (entry.retiring) {
        entry.retiring = false;
        this.log.info({ app: snapshot.app }, `app ${snapshot.app} is back in the config; it keeps running`);
      }
    } else {
      this.appEntries.set(snapshot.app, { snapshot });
    }
    this.metrics?.setSnapshot(snapshot.app, snapshot.version);
    if (old?.version !== snapshot.version) {
      const running = [...this.live.values()].filter((c) => c.app === snapshot.app && c.version !== snapshot.version).length;
      this.log.info({ app: snapshot.app, from: old?.version, to: snapshot.version, callsOnPrevious: running }, `app ${snapshot.app} now runs version ${snapshot.version}${old ? ` (was ${old.version}; ${running} call(s) finish on it)` : ''}`);
    }
  }

  /**
   * Makes `snapshots` the full set of apps: existing apps get their new
   * snapshot, new apps are registered as Stasis apps on every server, and
   * apps not listed are retired (their calls finish, up to the removal grace;
   * then the app is unregistered). Apps kept are not disturbed: each server
   * moves its events socket make-before-break. Resolves once the servers
   * carry the new app list.
   */
  async setApps(snapshots: readonly AppSnapshot[]): Promise<void> {
    const wanted = new Set(snapshots.map((s) => s.app));
    const added: string[] = [];
    for (const s of snapshots) {
      if (!this.appEntries.has(s.app)) added.push(s.app);
      this.swapSnapshot(s);
    }
    for (const [name, entry] of this.appEntries) {
      if (wanted.has(name) || entry.retiring) continue;
      entry.retiring = true;
      this.log.info({ app: name, activeCalls: this.callsOf(name).length }, `app ${name} was removed from the config; its calls finish, new ones get the shutdown policy`);
      void this.retire(name);
    }
    if (added.length > 0) this.log.info({ apps: added }, `registering new Stasis app(s): ${added.join(', ')}`);
    await this.syncServerApps();
  }

  /** Replaces the services steps use (TTS after a reload); calls in progress keep theirs. */
  setServices(services: StepServices | undefined): void {
    this.services = services;
  }

  /** Replaces the policies (the `runtime` section of a reloaded config). */
  setPolicies(policies: Partial<RuntimePolicies>): void {
    this.policies = { ...this.policies, ...policies };
  }

  /**
   * Records which apps' files have errors (app → error count), replacing the
   * previous record. An app with no running snapshot is then reported as
   * `failed` on `/readyz`; one with a running snapshot keeps running it and
   * reports the errors.
   */
  setAppProblems(problems: Readonly<Record<string, number>>): void {
    this.problems.clear();
    for (const [app, errors] of Object.entries(problems)) if (errors > 0) this.problems.set(app, errors);
  }

  /** The `/readyz` report: each server's connection, each app's registration, and whether shutdown began. */
  readiness(): ReadinessReport {
    const servers = this.servers.map((s) => serverReadiness(s, [...this.live.values()].filter((c) => c.server === s.gateway.server).length));
    const apps: AppReadiness[] = [...this.appEntries].map(([name, entry]) => {
      const errors = this.problems.get(name);
      return {
        name,
        version: entry.snapshot.version,
        state: this.appState(name, entry),
        activeCalls: this.callsOf(name).length,
        ...(errors !== undefined ? { rejectedErrors: errors } : {}),
      };
    });
    for (const [name, errors] of this.problems) {
      if (!this.appEntries.has(name)) apps.push({ name, version: null, state: 'failed', rejectedErrors: errors });
    }
    return readinessReport({ servers, apps, draining: this.draining });
  }

  /** Waits for every call in progress to end (used by shutdown and tests). */
  async drain(): Promise<void> {
    while (this.live.size > 0 || this.policyTasks.size > 0) await Promise.all([...[...this.live.values()].map((c) => c.done), ...this.policyTasks]);
  }

  /**
   * Stops taking calls (new ones get the shutdown policy and `/readyz` turns
   * false), lets calls in progress finish for up to `graceMs`, hangs up what
   * remains, and closes the connections. Idempotent.
   */
  shutdown(opts: { graceMs: number }): Promise<ShutdownReport> {
    this.shuttingDown ??= this.runShutdown(opts.graceMs);
    return this.shuttingDown;
  }

  /** Hangs up every call in progress now (a second stop signal during shutdown); returns how many. */
  hangUpNow(why = 'hung up by the operator'): number {
    const calls = [...this.live.values()];
    for (const call of calls) this.cut(call, why);
    if (calls.length > 0) this.log.warn({ calls: calls.map((c) => c.channelId) }, `${why}: hanging up ${calls.length} call(s) now`);
    return calls.length;
  }

  /** Stops the servers (closing their sockets). Calls in progress are not waited for: see {@link shutdown}. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.supervisor.stop()));
  }

  private async runShutdown(graceMs: number): Promise<ShutdownReport> {
    this.draining = true;
    const inProgress = this.live.size;
    this.log.info({ activeCalls: inProgress, graceMs }, `shutting down: taking no new calls; waiting up to ${graceMs} ms for ${inProgress} call(s) in progress`);
    await this.waitFor(() => this.drain(), graceMs);
    const remaining = [...this.live.values()];
    for (const call of remaining) this.cut(call, 'shutdown grace period over');
    if (remaining.length > 0) {
      this.log.warn({ calls: remaining.map((c) => c.channelId) }, `grace period over: hung up ${remaining.length} call(s) still in progress`);
      await this.waitFor(() => this.drain(), CUT_CALLS_WAIT_MS);
    }
    await this.waitFor(() => Promise.all([...this.policyTasks]).then(() => undefined), CUT_CALLS_WAIT_MS);
    await this.stop();
    const report = { inProgress, finished: inProgress - remaining.length, hungUp: remaining.length };
    this.log.info(report, 'runtime stopped');
    return report;
  }

  /** Resolves when `work` settles or after `ms` on the runtime clock, whichever is first; the timer is always released. */
  private waitFor(work: () => Promise<unknown>, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: TimerHandle | undefined;
      const finish = (): void => {
        if (timer !== undefined) this.clock.clearTimeout(timer);
        timer = undefined;
        resolve();
      };
      timer = this.clock.setTimeout(finish, ms);
      work().then(finish, finish);
    });
  }

  private cut(call: LiveCall, why: string): void {
    call.cut = true;
    call.control.hangup('normal').catch((err: unknown) => this.log.debug({ err, callId: call.channelId }, `${why}: hangup failed (the call is ending anyway)`));
  }

  private async retire(app: string): Promise<void> {
    await this.waitFor(async () => {
      while (this.callsOf(app).length > 0) await Promise.all(this.callsOf(app).map((c) => c.done));
    }, this.policies.removedAppGraceMs);
    const entry = this.appEntries.get(app);
    if (!entry?.retiring) return; // added back meanwhile
    const remaining = this.callsOf(app);
    for (const call of remaining) this.cut(call, `app ${app} removed`);
    if (remaining.length > 0) await this.waitFor(() => Promise.all(remaining.map((c) => c.done)), CUT_CALLS_WAIT_MS);
    if (!this.appEntries.get(app)?.retiring) return;
    this.appEntries.delete(app);
    this.metrics?.removeApp(app);
    this.log.info({ app, hungUp: remaining.length }, `app ${app} stopped; unregistering its Stasis app`);
    await this.syncServerApps();
    this.log.info({ app }, `Stasis app ${app} unregistered`);
  }

  private callsOf(app: string): LiveCall[] {
    return [...this.live.values()].filter((c) => c.app === app);
  }

  /** Apps each server's events socket must carry: those served and those still finishing calls. */
  private registeredApps(): string[] {
    return [...this.appEntries.keys()];
  }

  private async syncServerApps(): Promise<void> {
    const apps = this.registeredApps();
    await Promise.all(
      this.servers.map(async (server) => {
        try {
          await server.gateway.setApps(apps);
        } catch (err) {
          // The socket could not move; reconnecting registers the full list.
          this.log.warn({ err, server: server.gateway.server, apps }, 'could not change the Stasis apps on the live connection; reconnecting with the new list');
          const transport = server.gateway.transport as AriTransport & { drop?: (reason: string) => void };
          transport.drop?.('app list change failed');
        }
      }),
    );
  }

  private appState(name: string, entry: AppEntry): AppReadiness['state'] {
    if (entry.retiring) return 'stopping';
    if (this.servers.some((s) => s.gateway.replacedApps.includes(name))) return 'replaced';
    if (this.servers.length > 0 && this.servers.every((s) => s.supervisor.ready && s.gateway.activeApps.includes(name))) return 'registered';
    return 'pending';
  }

  private meterServer(server: AriServer, metrics: Metrics): void {
    let reconnects = server.supervisor.status.reconnects;
    metrics.setAriConnected(server.gateway.server, server.supervisor.ready);
    server.supervisor.onStatus((status) => {
      metrics.setAriConnected(status.server, status.state === 'connected');
      for (; reconnects < status.reconnects; reconnects++) metrics.countAriReconnect(status.server);
    });
  }

  private reconciled(serverName: string, report: ReconcileReport): void {
    this.log.debug({ server: serverName, continued: report.continued, unknown: report.unknown.map((u) => u.channel.id), vanished: report.vanished }, 'reconciliation after connecting done');
    if (report.unknown.length === 0) return;
    for (const orphan of report.unknown) {
      const log = this.log.child({ server: serverName, callId: orphan.channel.id, app: orphan.app, ...(orphan.dialLegOf ? { dialLegOf: orphan.dialLegOf } : {}) });
      // An orphaned dial leg has no caller to go back to: it is always hung up.
      const policy: ChannelPolicy = orphan.dialLegOf ? { action: 'hangup' } : this.policies.unknownChannels;
      log.warn({ policy: policy.action }, orphan.dialLegOf ? 'found a dial leg whose call we no longer run' : 'found a call in our app that no flow runs (it arrived while the events socket was down, or a previous process left it)');
      this.track(
        applyChannelPolicy(orphan.control, policy, log, 'unknown channel').then((result) => {
          if (!orphan.dialLegOf) this.countTurnedAway(orphan.app, 'orphaned');
          return result;
        }),
      );
    }
  }

  private countTurnedAway(app: string, outcome: 'shutdown' | 'orphaned'): void {
    this.metrics?.callStarted(app);
    this.metrics?.callEnded({ app, outcome });
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined);
    this.policyTasks.add(settled);
    void settled.then(() => this.policyTasks.delete(settled));
  }

  private handle(raw: IncomingCall): void {
    const { call: incoming, cut } = boundIncoming(raw);
    const entry = this.appEntries.get(incoming.app);
    const channelId = incoming.control.channelId;
    const ch = incoming.channel;
    // Caller ids and extensions are caller-controlled: bounded and single-line in logs.
    const fields = { callId: channelId, app: incoming.app, version: entry?.snapshot.version, caller: logSafe(ch.callerNumber, 64), extension: logSafe(ch.extension, 64) };
    // Per-call loggers are children of the root only: a per-call logger that got children of its own would become a
    // prototype, which costs V8 a map transition and cache invalidations on every call (measured with bench/calls).
    const log = callLogger(this.log, { ...fields, server: incoming.server });
    if (cut.length > 0) log.warn({ fields: cut }, `caller-supplied value(s) too long, cut: ${cut.join(', ')}`);
    if (this.draining || !entry || entry.retiring) {
      // An app no longer served can still get a call while its Stasis registration is being withdrawn.
      const why = this.draining ? 'call arrived while shutting down' : `call arrived for app ${incoming.app}, which this runtime does not (or no longer) serve`;
      this.track(applyChannelPolicy(incoming.control, this.policies.newCallsWhileStopping, log, why).then(() => this.countTurnedAway(incoming.app, 'shutdown')));
      return;
    }
    const snapshot = entry.snapshot;
    const arrival = { channel: logSafe(ch.name, 128), callerName: logSafe(ch.callerName, 64), args: incoming.args.map((a) => logSafe(a, 64)) };
    // At info a call writes two lines (routed, ended) and the routed one carries the arrival's details: each line
    // per call costs ~5% of the runtime's CPU at 300 calls/s (bench/calls: 2.0 ms per call at warn, 2.3-2.4 at info with three).
    log.debug(arrival, 'call arrived');
    this.metrics?.callStarted(incoming.app);
    let routed: Logger = log;
    let route: string | undefined;
    const done = runCallSession({
      incoming,
      snapshot,
      clock: this.clock,
      log,
      httpRouter: this.httpRouter,
      services: this.services,
      observer: this.observer,
      forward: this.opts.forward ?? forwardCall,
      code: this.opts.code,
      onRouted: (info) => {
        route = info.route;
        routed = callLogger(this.log, { ...fields, server: incoming.server, route: info.route, flow: info.flow });
        routed.info({ decision: info.decision, ...arrival }, info.route ? `routed by ${info.route}${info.flow ? ` to flow ${info.flow}` : info.handler ? ` to handler ${info.handler}` : ''}` : 'no route matched');
      },
    }).then((result) => {
      routed.info({ outcome: result.outcome, steps: result.steps, durationMs: result.durationMs, ...(result.error ? { error: result.error } : {}) }, `call ended: ${result.outcome}`);
      return result;
    });
    const entryLive: LiveCall = { app: incoming.app, server: incoming.server, channelId, version: snapshot.version, control: incoming.control, done, cut: false };
    const key = `${incoming.server}/${channelId}`;
    this.live.set(key, entryLive);
    void done.then((result) => {
      this.live.delete(key);
      this.metrics?.callEnded({ app: incoming.app, route: result.route ?? route, outcome: metricOutcome(result.outcome, entryLive.cut) });
      this.opts.onCallEnded?.({ app: incoming.app, server: incoming.server, channelId, result });
    });
  }
}
