import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { AriServer } from '../ari/ari-server';
import type { AriListener } from '../ari/listen/ari-listener';
import type { AppSnapshot } from '../ir/types';
import type { Metrics } from '../observability/metrics';
import { readinessReport, type ReadinessReport } from '../ops-server/readiness';
import type { HttpRouter } from '../routing/http-router-types';
import { createHttpRouter } from '../http-router';
import type { CodeRouting } from '../session/call-handlers';
import type { ForwardHandler } from '../session/call-session';
import { forwardCall } from '../session/forward';
import { combineObservers, type SessionObserver } from '../session/observer';
import type { StepServices } from '../steps/step-definition';
import { AppTable } from './app-table';
import { BroadcastClaims, type BroadcastPool } from './broadcast-claims';
import { CallAdmission, type CallEndedListener, type RequestWaitReading, type ShutdownReport } from './call-admission';
import type { LagProbe } from './event-loop-lag';
import { DEFAULT_POLICIES, type RuntimePolicies } from './runtime-policies';
import { flowsPlaceCalls } from './places-calls';
import { ServerFleet, type FleetAriOptions, type RuntimeServer } from './server-fleet';

export type { RuntimeServer, RuntimeListen } from './server-fleet';
export type { BroadcastPool } from './broadcast-claims';
export type { RuntimePolicies } from './runtime-policies';
export { policiesFromSettings } from './runtime-policies';
export type { RequestWaitReading, ShutdownReport } from './call-admission';
export type { LagProbe } from './event-loop-lag';

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
  readonly ari?: FleetAriOptions;
  /** Called when each call ends (metrics, tests). */
  readonly onCallEnded?: CallEndedListener;
  /** StasisBroadcast pools this process takes part in (`apps[].broadcast`). */
  readonly broadcast?: readonly BroadcastPool[];
  /**
   * The event-loop lag probe `runtime.overload.max_event_loop_lag` reads;
   * started with the runtime, stopped with it. None: no lag bound (tests on
   * a fake clock, `voxtra test`).
   */
  readonly eventLoopLag?: LagProbe;
  /** Where the admission reads how long ARI requests wait for a slot per server (default: the servers' own request queues; tests give a fixed reading). */
  readonly requestWait?: RequestWaitReading;
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

/**
 * The running product: one supervised connection per Asterisk server
 * ({@link ServerFleet}), one current snapshot per app ({@link AppTable}), one
 * session per call ({@link CallAdmission}). A call runs to its end on the
 * snapshot that was current when it arrived. Reloads swap snapshots and add
 * or remove apps ({@link setApps}); {@link shutdown} stops taking calls, lets
 * calls in progress finish up to a bound and closes the connections.
 */
export class Runtime {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly table: AppTable;
  private readonly fleet: ServerFleet;
  private readonly admission: CallAdmission;
  private readonly claims: BroadcastClaims | undefined;
  private readonly lag: LagProbe | undefined;
  private started = false;
  private shuttingDown: Promise<ShutdownReport> | undefined;

  constructor(opts: RuntimeOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger;
    const metrics = opts.metrics;
    this.lag = opts.eventLoopLag;
    this.table = new AppTable(opts.snapshots, opts.code, metrics);
    // Only with pools: without, the servers' events and StasisStarts pass nothing extra.
    this.claims =
      opts.broadcast && opts.broadcast.length > 0
        ? new BroadcastClaims({ pools: opts.broadcast, activeCalls: () => this.admission.activeCalls, maxCalls: () => this.admission.maxCalls, taking: () => !this.admission.isDraining, lagging: () => this.admission.isLagging, logger: this.log, metrics })
        : undefined;
    // Handlers in code may dial whatever their flows do.
    const legEvents = opts.code !== undefined || flowsPlaceCalls(opts.snapshots);
    this.fleet = new ServerFleet({ servers: opts.servers, clock: this.clock, random: opts.random, logger: this.log, metrics, ari: opts.ari, legEvents, ...(this.claims ? { claims: this.claims } : {}) });
    const stepMetrics: SessionObserver | undefined = metrics ? { stepFinished: (e) => metrics.observeStep(e.type, e.durationMs) } : undefined;
    this.admission = new CallAdmission({
      apps: this.table,
      clock: this.clock,
      logger: this.log,
      httpRouter: opts.httpRouter ?? createHttpRouter({ clock: this.clock, logger: this.log }),
      observer: stepMetrics && opts.observer ? combineObservers(opts.observer, stepMetrics) : (stepMetrics ?? opts.observer),
      metrics,
      services: opts.services,
      policies: { ...DEFAULT_POLICIES, ...opts.policies },
      forward: opts.forward ?? forwardCall,
      code: opts.code,
      onCallEnded: opts.onCallEnded,
      ...(opts.eventLoopLag ? { eventLoopLag: opts.eventLoopLag } : {}),
      requestWait: opts.requestWait ?? this.fleet,
    });
    const admission = this.admission;
    metrics?.trackOverload({
      callsInProgress: () => admission.activeCalls,
      maxCalls: () => admission.maxCalls,
      eventLoopLagMs: () => admission.eventLoopLagMs,
      maxEventLoopLagMs: () => (this.lag ? admission.maxEventLoopLagMs : 0),
      requestWaits: () => this.fleet.serverNames().map((server) => [server, admission.requestWaitMs(server)] as const),
      maxRequestWaitMs: () => admission.maxRequestWaitMs,
      requestsInFlight: () => this.fleet.serverNames().map((server) => [server, this.fleet.requestsInFlight(server)] as const),
    });
  }

  /** Apps this runtime serves (not those a reload is removing). */
  get apps(): string[] {
    return this.table.served;
  }

  /** The snapshot new calls to `app` get. */
  snapshot(app: string): AppSnapshot | undefined {
    return this.table.snapshot(app);
  }

  /** The snapshot of `app` as compiled from its flow files, without the code routes {@link snapshot} adds. */
  filesSnapshot(app: string): AppSnapshot | undefined {
    return this.table.filesSnapshot(app);
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.admission.activeCalls;
  }

  /** True once {@link shutdown} began: new calls get the policy. */
  get isDraining(): boolean {
    return this.admission.isDraining;
  }

  get ariServers(): readonly AriServer[] {
    return this.fleet.servers;
  }

  /** The listeners Asterisk servers connect to (servers with `listen`). */
  get listenServers(): readonly AriListener[] {
    return this.fleet.listenServers;
  }

  get counts(): RuntimeCounts {
    return { sessions: this.admission.activeCalls, policyActions: this.admission.policyActions, ...this.fleet.counts() };
  }

  /**
   * Binds the listen servers' addresses, so that a taken port stops the
   * start before any call is taken ({@link start} binds them otherwise).
   */
  bind(): Promise<void> {
    return this.fleet.bind();
  }

  /** Creates the server connections and starts supervising them (they reconnect forever); listeners start accepting. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const admission = this.admission;
    this.fleet.start(this.table.registered, {
      incoming: (call, connection) => admission.admit(call, connection),
      orphan: (server, orphan) => admission.turnAwayOrphan(server, orphan),
    });
    // After the connections are created: their set-up is start-up work, not lag the first calls should be turned away for.
    this.lag?.start();
  }

  /** Resolves once every server is connected, or rejects after `timeoutMs` on `clock` (default the runtime's). */
  async waitUntilConnected(timeoutMs: number, clock: Clock = this.clock): Promise<void> {
    await this.fleet.waitUntilConnected(timeoutMs, clock);
  }

  /** Swaps an app's snapshot atomically: new calls get it, calls in progress keep theirs. */
  swapSnapshot(fromFiles: AppSnapshot): void {
    void this.allowLegEventsFor([fromFiles]);
    this.swap(fromFiles);
  }

  private swap(fromFiles: AppSnapshot): void {
    const swap = this.table.swap(fromFiles);
    if (!swap) return;
    const { snapshot, previous: old } = swap;
    if (swap.revived) this.log.info({ app: snapshot.app }, `app ${snapshot.app} is back in the config; it keeps running`);
    if (old?.version !== snapshot.version) {
      const running = this.admission.callsOnOtherVersions(snapshot.app, snapshot.version);
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
    // Before the swap: the first call on a snapshot that dials must see its legs' events.
    await this.allowLegEventsFor(snapshots);
    const wanted = new Set(snapshots.map((s) => s.app));
    const added: string[] = [];
    for (const s of snapshots) {
      if (!this.table.entry(s.app)) added.push(s.app);
      this.swap(s);
    }
    for (const name of this.table.registered) {
      if (wanted.has(name) || !this.table.retire(name)) continue;
      this.log.info({ app: name, activeCalls: this.admission.callsIn(name) }, `app ${name} was removed from the config; its calls finish, new ones get the shutdown policy`);
      void this.retire(name);
    }
    if (added.length > 0) this.log.info({ apps: added }, `registering new Stasis app(s): ${added.join(', ')}`);
    await this.fleet.setApps(this.table.registered);
  }

  /**
   * When a flow of `snapshots` places calls, the servers' event filters let
   * the events of outbound legs through from now on (they were kept off
   * while no flow placed calls). Never undone while running: calls in
   * progress on an older snapshot may still dial.
   */
  private async allowLegEventsFor(snapshots: readonly AppSnapshot[]): Promise<void> {
    if (this.fleet.legEventsAllowed || !flowsPlaceCalls(snapshots)) return;
    this.log.info('a flow places calls (dial): the ARI events of outbound legs are no longer filtered out');
    await this.fleet.allowLegEvents();
  }

  /** Replaces the services steps use (TTS after a reload); calls in progress keep theirs. */
  setServices(services: StepServices | undefined): void {
    this.admission.setServices(services);
  }

  /** Replaces the policies (the `runtime` section of a reloaded config). */
  setPolicies(policies: Partial<RuntimePolicies>): void {
    this.admission.setPolicies(policies);
  }

  /**
   * Replaces the StasisBroadcast pools (a reloaded config): changed pool names
   * are registered on the servers. Pools given to a runtime that started
   * with none take effect at the next start.
   */
  async setBroadcast(pools: readonly BroadcastPool[]): Promise<void> {
    if (!this.claims) {
      if (pools.length > 0) this.log.warn({ apps: pools.map((p) => p.app) }, 'broadcast pools added by a reload take effect when Voxtra restarts');
      return;
    }
    const before = this.claims.stasisApps.join(',');
    this.claims.setPools(pools);
    if (this.started && this.claims.stasisApps.join(',') !== before) await this.fleet.setApps(this.table.registered);
  }

  /**
   * Records which apps' files have errors (app → error count), replacing the
   * previous record. An app with no running snapshot is then reported as
   * `failed` on `/readyz`; one with a running snapshot keeps running it and
   * reports the errors.
   */
  setAppProblems(problems: Readonly<Record<string, number>>): void {
    this.table.setProblems(problems);
  }

  /** The `/readyz` report: each server's connection, each app's registration, and whether shutdown began. */
  readiness(): ReadinessReport {
    const servers = this.fleet.readiness((server) => this.admission.callsOn(server));
    const apps = this.table.readiness(
      (app) => this.fleet.registration(app),
      (app) => this.admission.callsIn(app),
    );
    return readinessReport({ servers, apps, draining: this.admission.isDraining });
  }

  /** Waits for every call in progress to end (used by shutdown and tests). */
  drain(): Promise<void> {
    return this.admission.drain();
  }

  /**
   * Stops taking calls (listeners close their listening socket, new calls
   * get the shutdown policy and `/readyz` turns false, all at once), lets
   * calls in progress finish for up to `graceMs` (their connections stay
   * open), hangs up what remains, and closes the connections. Idempotent.
   */
  shutdown(opts: { graceMs: number }): Promise<ShutdownReport> {
    this.shuttingDown ??= this.runShutdown(opts.graceMs);
    return this.shuttingDown;
  }

  /** Hangs up every call in progress now (a second stop signal during shutdown); returns how many. */
  hangUpNow(why = 'hung up by the operator'): number {
    return this.admission.hangUpNow(why);
  }

  /** Stops the servers (closing their sockets). Calls in progress are not waited for: see {@link shutdown}. */
  async stop(): Promise<void> {
    this.lag?.stop();
    await this.fleet.stop();
  }

  private async runShutdown(graceMs: number): Promise<ShutdownReport> {
    // At once, before any wait: a load balancer's next connection attempt fails and goes to another replica.
    this.fleet.stopAccepting();
    const report = await this.admission.shutdown(graceMs);
    await this.stop();
    this.log.info(report, 'runtime stopped');
    return report;
  }

  private async retire(app: string): Promise<void> {
    const hungUp = await this.admission.endCallsOf(app, () => this.table.isRetiring(app));
    // Added back meanwhile: it keeps running.
    if (hungUp === undefined || !this.table.isRetiring(app)) return;
    this.table.remove(app);
    this.log.info({ app, hungUp }, `app ${app} stopped; unregistering its Stasis app`);
    await this.fleet.setApps(this.table.registered);
    this.log.info({ app }, `Stasis app ${app} unregistered`);
  }
}
