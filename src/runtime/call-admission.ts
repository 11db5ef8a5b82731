import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncomingCall } from '../control/incoming-call';
import type { ConnectionKind } from '../ari/listen/stasis-app-names';
import type { CallControl } from '../control/call-control';
import type { ChannelPolicy } from '../config/runtime-settings';
import { callLine, lazyCallLogger, type CallLogFields } from '../observability/logger';
import type { Metrics, TurnAwayReason } from '../observability/metrics';
import type { HttpRouter } from '../routing/http-router-types';
import { logSafe } from '../routing/dial-safety';
import type { CodeRouting } from '../session/call-handlers';
import { startCallSession, type ForwardHandler, type SessionEnd, type SessionResult } from '../session/call-session';
import type { SessionObserver } from '../session/observer';
import type { StepServices } from '../steps/step-definition';
import type { AppTable } from './app-table';
import { boundIncoming } from './bounded-input';
import { metricOutcome } from './call-outcome';
import { applyChannelPolicy } from './channel-policy';
import type { RuntimePolicies } from './runtime-policies';
import type { OrphanChannel } from './server-fleet';
import { settleWithin } from './settle-within';

/** Why a new call is turned away for overload. */
type OverloadReason = Exclude<TurnAwayReason, 'shutdown'>;

/** What {@link CallAdmission.shutdown} did. */
export interface ShutdownReport {
  /** Calls in progress when shutdown began. */
  readonly inProgress: number;
  /** Of those, calls that ended on their own within the grace period. */
  readonly finished: number;
  /** Calls hung up because the grace period ran out. */
  readonly hungUp: number;
}

/** Who is told when each call ends. */
export type CallEndedListener = (info: { app: string; server: string; channelId: string; result: SessionResult }) => void;

export interface CallAdmissionOptions {
  readonly apps: AppTable;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly httpRouter: HttpRouter;
  readonly observer?: SessionObserver;
  readonly metrics?: Metrics;
  readonly services?: StepServices;
  readonly policies: RuntimePolicies;
  readonly forward: ForwardHandler;
  readonly code?: CodeRouting;
  readonly onCallEnded?: CallEndedListener;
  /** The event-loop lag new calls are admitted against (`runtime.overload.max_event_loop_lag`); none: no lag bound. */
  readonly eventLoopLag?: LagReading;
  /** How long ARI requests wait for a slot on each server (`runtime.overload.max_request_wait`); none: no such bound. */
  readonly requestWait?: RequestWaitReading;
}

/** Where the admission reads the event-loop lag (an {@link EventLoopLag} probe, or a test's fixed value). */
export interface LagReading {
  /** The lag now, ms. */
  readonly lagMs: number;
}

/** Where the admission reads how long ARI requests wait for a request slot (the server fleet, or a test's fixed value). */
export interface RequestWaitReading {
  /** How long the oldest ARI request queued for a slot on `server` has waited, ms (0: none waits). */
  requestWaitMs(server: string): number;
}

/**
 * A call in progress, as the admission keeps it, and where its session
 * reports its end ({@link SessionEnd}). `done` (what drain and shutdown wait
 * for) is made only when something asks for it: a call in progress keeps no
 * promise of its own end (bench/session heap snapshots).
 */
class LiveCall implements SessionEnd {
  /** Set when shutdown (or an app's removal) hung the call up. */
  cut = false;
  /** Set once the call is routed (callLine leaves them out while undefined, as before routing). */
  route: string | undefined;
  flow: string | undefined;
  private result: SessionResult | undefined;
  private failure: Promise<SessionResult> | undefined;
  private waiting: { readonly promise: Promise<SessionResult>; readonly resolve: (result: SessionResult) => void; readonly reject: (err: unknown) => void } | undefined;

  constructor(
    private readonly admission: CallAdmission,
    readonly key: string,
    readonly incoming: IncomingCall,
    readonly callFields: CallLogFields,
    readonly version: string,
  ) {}

  get app(): string {
    return this.incoming.app;
  }

  get server(): string {
    return this.incoming.server;
  }

  get channelId(): string {
    return this.incoming.control.channelId;
  }

  get control(): CallControl {
    return this.incoming.control;
  }

  /** Settles once the call's end was logged, counted and told to the listeners. */
  get done(): Promise<SessionResult> {
    if (this.failure) return this.failure;
    if (this.result) return Promise.resolve(this.result);
    if (!this.waiting) {
      let resolve!: (result: SessionResult) => void;
      let reject!: (err: unknown) => void;
      const promise = new Promise<SessionResult>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.waiting = { promise, resolve, reject };
    }
    return this.waiting.promise;
  }

  sessionEnded(result: SessionResult): void {
    try {
      this.admission.callEnded(this, result);
    } catch (err) {
      return this.sessionFailed(err);
    }
    this.result = result;
    this.waiting?.resolve(result);
  }

  /**
   * The session, or the end's bookkeeping, threw: `done` rejects, as the
   * promise chain it replaced did (unhandled, unless something waits for it).
   */
  sessionFailed(err: unknown): void {
    if (this.waiting) {
      this.failure = this.waiting.promise;
      this.waiting.reject(err);
    } else this.failure = Promise.reject(err);
  }
}

/** After a grace period, how long hung-up calls get to report their end before the sockets close. */
const CUT_CALLS_WAIT_MS = 5000;

/**
 * Which calls run: each new call gets a session on its app's current
 * snapshot, or the new-call policy (`runtime.shutdown.new_calls`) while
 * stopping, for an app no longer served, or for overload (`runtime.max_calls`
 * calls in progress, the event loop or the call's server's ARI request queue
 * past its `runtime.overload` bound); channels no session runs get the unknown-channel policy. Keeps the
 * table of live calls, and ends them: drain, cut after a grace, hang up now.
 */
export class CallAdmission {
  private readonly apps: AppTable;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly httpRouter: HttpRouter;
  private readonly observer: SessionObserver | undefined;
  private readonly metrics: Metrics | undefined;
  private readonly forward: ForwardHandler;
  private readonly code: CodeRouting | undefined;
  private readonly onCallEnded: CallEndedListener | undefined;
  private readonly lag: LagReading | undefined;
  private readonly requestWait: RequestWaitReading | undefined;
  private readonly live = new Map<string, LiveCall>();
  private readonly policyTasks = new Set<Promise<unknown>>();
  private policies: RuntimePolicies;
  private services: StepServices | undefined;
  private draining = false;

  constructor(opts: CallAdmissionOptions) {
    this.apps = opts.apps;
    this.clock = opts.clock;
    this.log = opts.logger;
    this.httpRouter = opts.httpRouter;
    this.observer = opts.observer;
    this.metrics = opts.metrics;
    this.services = opts.services;
    this.policies = opts.policies;
    this.forward = opts.forward;
    this.code = opts.code;
    this.onCallEnded = opts.onCallEnded;
    this.lag = opts.eventLoopLag;
    this.requestWait = opts.requestWait;
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.live.size;
  }

  /** Channels being handed a policy (hangup or continue) right now. */
  get policyActions(): number {
    return this.policyTasks.size;
  }

  /** `runtime.max_calls` now (undefined: no bound). */
  get maxCalls(): number | undefined {
    return this.policies.maxCalls;
  }

  /** The event-loop lag new calls are admitted against, ms (0 without a probe). */
  get eventLoopLagMs(): number {
    return this.lag?.lagMs ?? 0;
  }

  /** `runtime.overload.max_event_loop_lag` now, ms (0: no bound). */
  get maxEventLoopLagMs(): number {
    return this.policies.maxEventLoopLagMs;
  }

  /** True while the event loop lags past `runtime.overload.max_event_loop_lag`. */
  get isLagging(): boolean {
    const bound = this.policies.maxEventLoopLagMs;
    return bound > 0 && this.lag !== undefined && this.lag.lagMs > bound;
  }

  /** `runtime.overload.max_request_wait` now, ms (0: no bound). */
  get maxRequestWaitMs(): number {
    return this.policies.maxRequestWaitMs;
  }

  /** How long the oldest ARI request queued for a slot on `server` has waited, ms (0 without a reading). */
  requestWaitMs(server: string): number {
    return this.requestWait?.requestWaitMs(server) ?? 0;
  }

  /** True once shutdown began: new calls get the policy. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Services for calls that arrive from now on; calls in progress keep theirs. */
  setServices(services: StepServices | undefined): void {
    this.services = services;
  }

  setPolicies(policies: Partial<RuntimePolicies>): void {
    this.policies = { ...this.policies, ...policies };
  }

  /** Calls in progress on an old version of `app` (anything but `version`). */
  callsOnOtherVersions(app: string, version: string): number {
    return [...this.live.values()].filter((c) => c.app === app && c.version !== version).length;
  }

  /** Calls in progress in `app`. */
  callsIn(app: string): number {
    return this.callsOf(app).length;
  }

  /** Calls in progress on `server`. */
  callsOn(server: string): number {
    return [...this.live.values()].filter((c) => c.server === server).length;
  }

  /**
   * A new call: its session on the app's current snapshot, or the shutdown
   * policy. A call on a per-call connection (`connection`) runs even while
   * draining: the listener stopped accepting when the drain began, so its
   * connection was accepted before (Asterisk sends StasisStart ~500 ms after
   * opening it), and no other replica can take the call.
   */
  admit(raw: IncomingCall, connection?: ConnectionKind): void {
    const { call: incoming, cut } = boundIncoming(raw);
    const entry = this.apps.entry(incoming.app);
    const channelId = incoming.control.channelId;
    const ch = incoming.channel;
    // Caller ids and extensions are caller-controlled: bounded and single-line in logs.
    // One literal, not a spread of another: V8 gave the spread copy a map of its own per call (heap snapshots).
    const callFields: CallLogFields = {
      callId: channelId,
      app: incoming.app,
      version: entry?.snapshot.version,
      caller: logSafe(ch.callerNumber, 64),
      extension: logSafe(ch.extension, 64),
      server: incoming.server,
    };
    // Per-call loggers are children of the root only: a per-call logger that got children of its own would become a
    // prototype, which costs V8 a map transition and cache invalidations on every call (measured with bench/calls).
    // This one is made only if something is written through it (a normal call writes its two lines with callLine below).
    const log = lazyCallLogger(this.log, callFields);
    if (cut.length > 0) log.warn({ fields: cut }, `caller-supplied value(s) too long, cut: ${cut.join(', ')}`);
    const draining = this.draining && connection !== 'per_call';
    if (draining || !entry || entry.retiring) {
      // An app no longer served can still get a call while its Stasis registration is being withdrawn.
      const why = draining ? 'call arrived while shutting down' : `call arrived for app ${incoming.app}, which this runtime does not (or no longer) serve`;
      this.turnAway(incoming, this.policies.newCallsWhileStopping, log, why, 'shutdown');
      return;
    }
    // Checked on StasisStart, before anything is answered: the surplus is turned away at once, not answered late.
    const overload = this.overload(incoming.server);
    if (overload !== undefined) {
      const [detail, why] = this.overloadWhy(overload, incoming.server);
      log.warn({ activeCalls: this.live.size, reason: overload, ...detail }, why);
      this.turnAway(incoming, this.policies.overloadPolicy ?? this.policies.newCallsWhileStopping, log, why, overload);
      return;
    }
    const snapshot = entry.snapshot;
    // At info a call writes two lines (routed, ended) and the routed one carries the arrival's details: each line
    // per call costs ~5% of the runtime's CPU at 300 calls/s (bench/calls: 2.0 ms per call at warn, 2.3-2.4 at info with three).
    // Made where it is written, not kept: the closures below live as long as the call.
    log.debug(arrivalOf(incoming), 'call arrived');
    this.metrics?.callStarted(incoming.app);
    // The two lines go through the process logger with the call's fields (see callLine), not a child per call.
    // The route and flow, not the routed line's fields: an object kept for the whole call was ~60 bytes per call in progress.
    // (callLine leaves them out while undefined, as before routing.)
    const key = `${incoming.server}/${channelId}`;
    const liveCall = new LiveCall(this, key, incoming, callFields, snapshot.version);
    startCallSession(
      {
        incoming,
        snapshot,
        clock: this.clock,
        log,
        httpRouter: this.httpRouter,
        services: this.services,
        observer: this.observer,
        forward: this.forward,
        code: this.code,
        onRouted: (info) => {
          liveCall.route = info.route;
          liveCall.flow = info.flow;
          // Object.assign, not a spread followed by more properties (a map per call in Node 20, see call-session's ended()).
          this.log.info(callLine(Object.assign({}, callFields, { route: info.route, flow: info.flow }), { decision: info.decision, ...arrivalOf(incoming) }), info.route ? `routed by ${info.route}${info.flow ? ` to flow ${info.flow}` : info.handler ? ` to handler ${info.handler}` : ''}` : 'no route matched');
        },
      },
      liveCall,
    );
    this.live.set(key, liveCall);
  }

  /**
   * @internal For {@link LiveCall}: the call's session ended. The line, the
   * count and the listeners; what drain waits for settles after them.
   */
  callEnded(entry: LiveCall, result: SessionResult): void {
    const { incoming, route, flow } = entry;
    this.log.info(callLine(Object.assign({}, entry.callFields, { route, flow }), { outcome: result.outcome, steps: result.steps, durationMs: result.durationMs, ...(result.error ? { error: result.error } : {}) }), `call ended: ${result.outcome}`);
    this.live.delete(entry.key);
    this.metrics?.callEnded({ app: incoming.app, route: result.route ?? route, outcome: metricOutcome(result.outcome, entry.cut) });
    if (this.onCallEnded) {
      // A hook that throws must not turn the call's end (what drain waits for) into a failure.
      try {
        this.onCallEnded({ app: incoming.app, server: incoming.server, channelId: entry.channelId, result });
      } catch (err) {
        this.log.error({ err, callId: entry.channelId }, 'onCallEnded threw');
      }
    }
  }

  /** A channel in our apps that no session runs (found after a reconnect): the unknown-channel policy. */
  turnAwayOrphan(serverName: string, orphan: OrphanChannel): void {
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

  /** Waits for every call in progress (and every policy action) to end. */
  async drain(): Promise<void> {
    while (this.live.size > 0 || this.policyTasks.size > 0) await Promise.all([...[...this.live.values()].map((c) => c.done), ...this.policyTasks]);
  }

  /**
   * Stops taking calls (new ones get the shutdown policy), lets calls in
   * progress finish for up to `graceMs`, then hangs up what remains and
   * waits a little for those ends and for policy actions.
   */
  async shutdown(graceMs: number): Promise<ShutdownReport> {
    this.draining = true;
    const inProgress = this.live.size;
    this.log.info({ activeCalls: inProgress, graceMs }, `shutting down: taking no new calls; waiting up to ${graceMs} ms for ${inProgress} call(s) in progress`);
    await settleWithin(this.clock, () => this.drain(), graceMs);
    const remaining = [...this.live.values()];
    for (const call of remaining) this.cut(call, 'shutdown grace period over');
    if (remaining.length > 0) {
      this.log.warn({ calls: remaining.map((c) => c.channelId) }, `grace period over: hung up ${remaining.length} call(s) still in progress`);
      await settleWithin(this.clock, () => this.drain(), CUT_CALLS_WAIT_MS);
    }
    await settleWithin(this.clock, () => Promise.all([...this.policyTasks]).then(() => undefined), CUT_CALLS_WAIT_MS);
    return { inProgress, finished: inProgress - remaining.length, hungUp: remaining.length };
  }

  /** Hangs up every call in progress now; returns how many. */
  hangUpNow(why: string): number {
    const calls = [...this.live.values()];
    for (const call of calls) this.cut(call, why);
    if (calls.length > 0) this.log.warn({ calls: calls.map((c) => c.channelId) }, `${why}: hanging up ${calls.length} call(s) now`);
    return calls.length;
  }

  /**
   * Lets the calls of a removed app finish for up to the removal grace, then,
   * unless `removed()` turned false meanwhile (the app came back), hangs up
   * the rest. Resolves with how many were hung up, or undefined when the app came back.
   */
  async endCallsOf(app: string, removed: () => boolean): Promise<number | undefined> {
    await settleWithin(
      this.clock,
      async () => {
        while (this.callsOf(app).length > 0) await Promise.all(this.callsOf(app).map((c) => c.done));
      },
      this.policies.removedAppGraceMs,
    );
    if (!removed()) return undefined;
    const remaining = this.callsOf(app);
    for (const call of remaining) this.cut(call, `app ${app} removed`);
    if (remaining.length > 0) await settleWithin(this.clock, () => Promise.all(remaining.map((c) => c.done)), CUT_CALLS_WAIT_MS);
    return remaining.length;
  }

  private callsOf(app: string): LiveCall[] {
    return [...this.live.values()].filter((c) => c.app === app);
  }

  private cut(call: LiveCall, why: string): void {
    call.cut = true;
    call.control.hangup('normal').catch((err: unknown) => this.log.debug({ err, callId: call.channelId }, `${why}: hangup failed (the call is ending anyway)`));
  }

  /** Why a new call on `server` would be turned away for overload now, if it would. */
  private overload(server: string): OverloadReason | undefined {
    const maxCalls = this.policies.maxCalls;
    if (maxCalls !== undefined && this.live.size >= maxCalls) return 'max_calls';
    if (this.isLagging) return 'event_loop_lag';
    // The queue for the server's request slots grows before the event loop lags: its calls would be answered late.
    const maxWait = this.policies.maxRequestWaitMs;
    return maxWait > 0 && this.requestWaitMs(server) > maxWait ? 'request_wait' : undefined;
  }

  /** The log fields and message of a call turned away for `reason` (off the admitted call's path). */
  private overloadWhy(reason: OverloadReason, server: string): [Record<string, unknown>, string] {
    if (reason === 'max_calls') return [{ maxCalls: this.policies.maxCalls }, `call arrived with ${this.live.size} call(s) in progress, the most this process takes (runtime.max_calls)`];
    if (reason === 'event_loop_lag') return [{ eventLoopLagMs: this.eventLoopLagMs }, `call arrived with the event loop ${Math.round(this.eventLoopLagMs)} ms late, past runtime.overload.max_event_loop_lag (${this.policies.maxEventLoopLagMs} ms)`];
    const waitMs = this.requestWaitMs(server);
    return [
      { requestWaitMs: waitMs },
      `call arrived with an ARI request to server ${server} queued for ${Math.round(waitMs)} ms, past runtime.overload.max_request_wait (${this.policies.maxRequestWaitMs} ms)`,
    ];
  }

  private turnAway(incoming: IncomingCall, policy: ChannelPolicy, log: Logger, why: string, reason: TurnAwayReason): void {
    const outcome = reason === 'shutdown' ? 'shutdown' : 'over_capacity';
    this.metrics?.countTurnedAway(incoming.app, reason);
    this.track(applyChannelPolicy(incoming.control, policy, log, why).then(() => this.countTurnedAway(incoming.app, outcome)));
  }

  private countTurnedAway(app: string, outcome: 'shutdown' | 'orphaned' | 'over_capacity'): void {
    this.metrics?.callStarted(app);
    this.metrics?.callEnded({ app, outcome });
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined);
    this.policyTasks.add(settled);
    void settled.then(() => this.policyTasks.delete(settled));
  }
}

/** What the routed line says about how the call arrived (caller-controlled: bounded and single-line). */
function arrivalOf(incoming: IncomingCall): { channel: string; callerName: string; args: string[] } {
  const ch = incoming.channel;
  return { channel: logSafe(ch.name, 128), callerName: logSafe(ch.callerName, 64), args: incoming.args.map((a) => logSafe(a, 64)) };
}
