import type { Clock } from '../core/clock';
import { isVoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { HangupReason } from '../control/call-control';
import type { IncomingCall } from '../control/incoming-call';
import type { AppSnapshot, ConditionIR, MatchField } from '../ir/types';
import type { RouteDecision } from '../routing/decision';
import { callFacts, type CallFacts } from '../routing/facts';
import type { HttpRouter } from '../routing/http-router-types';
import { resolveCall } from '../routing/resolve';
import type { StepServices } from '../steps/step-definition';
import { templateEngine } from '../template/engine';
import { VoxtraCall } from './call';
import { isHandlerFlow, type CodeRouting } from './call-handlers';
import { evaluateCondition } from './conditions';
import { FlowRunner, type RunEnd, type RunResult } from './flow-runner';
import { isHangupError } from './hangup-errors';
import type { RunOutcome, SessionObserver } from './observer';
import { runHandler } from './run-handler';
import { servicesForSnapshot } from './snapshot-calendars';

/** How a call's session ended, for logs and metrics. */
export type SessionOutcome = RunOutcome | 'no_route' | 'forwarded';

export interface SessionResult {
  readonly outcome: SessionOutcome;
  /** Route, rule or `default` that took the call. */
  readonly route?: string;
  readonly flow?: string;
  /** The TypeScript handler that ran the call, for code routes. */
  readonly handler?: string;
  readonly steps: number;
  readonly durationMs: number;
  readonly error?: { readonly code?: string; readonly message: string };
}

/** Runs the steps of a forward decision (the HTTP router asked to dial); supplied by whoever owns `dial`. */
export type ForwardHandler = (call: VoxtraCall, decision: Extract<RouteDecision, { kind: 'forward' }>, log: Logger) => Promise<RunOutcome>;

export interface CallSessionOptions {
  readonly incoming: IncomingCall;
  /** The app's snapshot captured when the call arrived; the call runs on it to the end. */
  readonly snapshot: AppSnapshot;
  readonly clock: Clock;
  /** The per-call logger (call id, app, caller, extension, version already bound). */
  readonly log: Logger;
  readonly httpRouter: HttpRouter;
  readonly services?: StepServices;
  readonly observer?: SessionObserver;
  readonly forward?: ForwardHandler;
  /** Handlers and dispatch rules defined in code (TypeScript API); code routes are in the snapshot. */
  readonly code?: CodeRouting;
  /** Called once the route is known, so the caller can enrich its logger and metrics. */
  readonly onRouted?: (info: { route?: string; flow?: string; handler?: string; decision: RouteDecision['kind'] }) => void;
}

const CAUSE_NO_ROUTE: HangupReason = 'unallocated';

/** Where {@link startCallSession} reports how the session ended. Neither method may throw. */
export interface SessionEnd {
  sessionEnded(result: SessionResult): void;
  /** Something not meant to fail threw: the session has no result. */
  sessionFailed(err: unknown): void;
}

/**
 * One call from StasisStart to its end: read the facts the routes need,
 * resolve the route on the snapshot the call arrived with, then run the flow
 * (or reject, forward, or hang up an unrouted call). Never rejects: every
 * failure becomes an outcome, and a call still in our app after a failure
 * or after its flow ran out of steps is hung up, so nothing stays in Stasis.
 */
export function runCallSession(opts: CallSessionOptions): Promise<SessionResult> {
  return new Promise<SessionResult>((resolve, reject) => startCallSession(opts, { sessionEnded: resolve, sessionFailed: reject }));
}

/**
 * {@link runCallSession} reporting its end to `end` instead of settling a
 * promise: the runtime's entry for the call is that object, so a call in
 * progress keeps no promise, reaction or closure of its session's end
 * (bench/session heap snapshots). `end` hears exactly once: the result, or
 * the error of something not meant to fail.
 */
export function startCallSession(opts: CallSessionOptions, end: SessionEnd): void {
  routeAndRun(opts, end).catch((err: unknown) => end.sessionFailed(err));
}

/** Routes the call and starts what runs it; settles once that has started (or the session ended). */
async function routeAndRun(opts: CallSessionOptions, end: SessionEnd): Promise<void> {
  const { incoming, snapshot, clock, log } = opts;
  const started = clock.now();
  const control = incoming.control;
  const services = servicesForSnapshot(snapshot, opts.services);
  const code = opts.code;

  const decision = await routeOf(opts, services);
  if (!('kind' in decision)) return end.sessionEnded(ended(clock, started, decision));

  const route = decision.kind === 'none' ? undefined : decision.name;
  const target = decision.kind === 'route' || decision.kind === 'dispatch' || decision.kind === 'default' ? flowOf(decision.target) : undefined;
  const handler = isHandlerFlow(target) ? code?.handler(target) : undefined;
  const flow = handler ? undefined : target;
  opts.onRouted?.({ route, flow, ...(handler ? { handler: handler.name } : {}), decision: decision.kind });

  switch (decision.kind) {
    case 'none':
      // resolveCall already logged the warning naming extension and number.
      await hangupQuietly(incoming, CAUSE_NO_ROUTE, log);
      return end.sessionEnded(ended(clock, started, { outcome: 'no_route', steps: 0 }));
    case 'reject':
      log.info({ route, action: decision.action, reason: decision.reason, spam: decision.spam, cause: decision.cause }, decision.spam ? 'HTTP router flagged the call as spam' : 'HTTP router rejected the call');
      await hangupQuietly(incoming, decision.cause, log);
      return end.sessionEnded(ended(clock, started, { outcome: 'rejected', route, steps: 0 }));
    default:
      break;
  }

  if ((decision.kind === 'route' || decision.kind === 'dispatch' || decision.kind === 'default') && decision.target.kind === 'reject') {
    log.info({ route, cause: decision.target.cause }, 'route rejects the call');
    await hangupQuietly(incoming, decision.target.cause as HangupReason, log);
    return end.sessionEnded(ended(clock, started, { outcome: 'rejected', route, steps: 0 }));
  }

  const call = new VoxtraCall({
    control,
    clock,
    app: incoming.app,
    channel: incoming.channel,
    args: incoming.args,
    extension: decision.facts.extension,
    number: decision.facts.number,
    metadata: decision.metadata,
    route,
    snapshotVersion: snapshot.version,
    queuesContext: snapshot.settings.queuesContext,
    tts: services.tts,
    observer: opts.observer,
    log,
  });
  // Started, not awaited: this frame (with the route decision, its facts and metadata) ends here, and only
  // runCall's few values stay alive while the call runs (bench/session heap snapshots: ~0.8 KiB per call).
  const plan: CallPlan = decision.kind === 'forward' ? { route, forward: decision } : handler ? { route, handler, flowId: target as string } : { route, flowId: flow as string };
  runCall(opts, call, plan, services, started, end);
}

/** What runs once the call is routed: a forward, a code handler, or a flow. */
type CallPlan = ForwardPlan | HandlerPlan | FlowPlan;
type ForwardPlan = { readonly route?: string; readonly forward: Extract<RouteDecision, { kind: 'forward' }> };
type HandlerPlan = { readonly route?: string; readonly handler: { readonly name: string; readonly run: Parameters<typeof runHandler>[1]['run'] }; readonly flowId: string };
type FlowPlan = { readonly route?: string; readonly flowId: string };

function runCall(opts: CallSessionOptions, call: VoxtraCall, plan: CallPlan, services: StepServices, started: number, end: SessionEnd): void {
  const { incoming, snapshot, clock, log } = opts;
  if ('forward' in plan || 'handler' in plan) {
    runCodeOrForward(opts, call, plan, started).then(
      (result) => end.sessionEnded(result),
      (err: unknown) => end.sessionFailed(err),
    );
    return;
  }
  // The flow, the common case, reports its end to one small object (a FlowCall) rather than through a promise
  // chain: a call waits in its flow for most of its life, and each continuation on the way up keeps a promise,
  // its reaction and closures alive (bench/session heap snapshots). What the FlowCall needs is read out here;
  // `opts` is not kept.
  const flowCall = new FlowCall(incoming, clock, log, call, started, plan.route, plan.flowId, end);
  let runner: FlowRunner;
  try {
    runner = new FlowRunner({ call, snapshot, clock, log, services, observer: opts.observer });
  } catch (err) {
    // Reported on a later microtask, as a failure of the run itself is.
    queueMicrotask(() => flowCall.failed(err));
    return;
  }
  runner.start(plan.flowId, flowCall);
}

/** A call running a flow, between the flow's end and the session's: how the session ends (see runCall). */
class FlowCall implements RunEnd {
  constructor(
    private readonly incoming: IncomingCall,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly call: VoxtraCall,
    private readonly started: number,
    private readonly route: string | undefined,
    private readonly flowId: string,
    private readonly end: SessionEnd,
  ) {}

  ran(result: RunResult): void {
    const outcome = result.outcome;
    // A flow that runs out of steps leaves the caller in Stasis: end the call.
    if (outcome === 'completed') {
      hangupQuietly(this.incoming, 'normal', this.log).then(
        () => this.done(outcome, result.steps),
        (e: unknown) => this.end.sessionFailed(e),
      );
    } else this.done(outcome, result.steps);
  }

  failed(err: unknown): void {
    callFailed(this.incoming, this.clock, this.log, this.started, this.route, { flow: this.flowId }, err).then(
      (result) => {
        this.call.dispose();
        this.end.sessionEnded(result);
      },
      (e: unknown) => this.end.sessionFailed(e),
    );
  }

  private done(outcome: RunOutcome, steps: number): void {
    this.call.dispose();
    this.end.sessionEnded(ended(this.clock, this.started, { outcome, route: this.route, flow: this.flowId, steps }));
  }
}

/** A forward or a code handler: rare enough to stay one async function. */
async function runCodeOrForward(opts: CallSessionOptions, call: VoxtraCall, plan: ForwardPlan | HandlerPlan, started: number): Promise<SessionResult> {
  const { incoming, clock, log } = opts;
  const route = plan.route;
  try {
    if ('forward' in plan) {
      if (!opts.forward) throw new Error('this runtime cannot forward calls (no dial support)');
      const outcome = await opts.forward(call, plan.forward, log);
      if (outcome === 'completed') await hangupQuietly(incoming, 'normal', log);
      return ended(clock, started, { outcome: outcome === 'completed' ? 'forwarded' : outcome, route, steps: 0 });
    }
    const { handler } = plan;
    const outcome = await runHandler(call, { flowId: plan.flowId, name: handler.name, run: handler.run, clock, log, observer: opts.observer });
    // A handler that returns leaves the caller in Stasis, as a flow that runs out of steps: end the call.
    if (outcome === 'completed') await hangupQuietly(incoming, 'normal', log);
    return ended(clock, started, { outcome, route, handler: handler.name, steps: 0 });
  } catch (err) {
    return await callFailed(incoming, clock, log, started, route, 'handler' in plan ? { handler: plan.handler.name } : { flow: undefined }, err);
  } finally {
    call.dispose();
  }
}

/** How a call whose run threw ended: the caller gone, or an error (logged, and the call hung up). */
async function callFailed(
  incoming: IncomingCall,
  clock: Clock,
  log: Logger,
  started: number,
  route: string | undefined,
  ran: { readonly handler: string } | { readonly flow: string | undefined },
  err: unknown,
): Promise<SessionResult> {
  if (isHangupError(err) || incoming.control.ending.aborted) return ended(clock, started, { outcome: 'caller_hangup', route, ...ran, steps: 0 });
  const error = describe(err);
  log.error({ err, code: error.code, route, ...ran }, `call failed: ${error.message}`);
  await hangupQuietly(incoming, 'failure', log);
  return ended(clock, started, { outcome: 'error', route, ...ran, steps: 0, error });
}

function ended(clock: Clock, started: number, result: Omit<SessionResult, 'durationMs'>): SessionResult {
  // Object.assign, not `{ ...result, durationMs }`: Node 20's V8 gives a spread followed by more properties a map
  // of its own per object (heap snapshots: ~1,000 maps for 1,000 such objects), allocated where only a full GC frees it.
  return Object.assign({}, result, { durationMs: clock.now() - started });
}

/**
 * The route decision for the call, or how the session ended when routing
 * failed. Its own async function, so that what routing needs (the facts, the
 * condition evaluator) is not kept alive while the flow runs.
 */
async function routeOf(opts: CallSessionOptions, services: StepServices): Promise<RouteDecision | Omit<SessionResult, 'durationMs'>> {
  const { incoming, snapshot, clock, log } = opts;
  const control = incoming.control;
  const code = opts.code;
  const codeDispatch = code?.dispatch?.bind(code);
  try {
    const facts = await readFacts(incoming, snapshot.lazyFacts, log);
    return await resolveCall(snapshot, facts, {
      evalWhen: (cond) => routeCondition(cond, facts, incoming, snapshot, clock, services),
      httpRouter: opts.httpRouter,
      callId: control.channelId,
      logger: log,
      ...(codeDispatch ? { codeDispatch } : {}),
    });
  } catch (err) {
    if (isHangupError(err) || control.ending.aborted) return { outcome: 'caller_hangup', steps: 0 };
    const error = describe(err);
    log.error({ err, code: error.code }, `routing failed: ${error.message}`);
    await hangupQuietly(incoming, 'failure', log);
    return { outcome: 'error', steps: 0, error };
  }
}

/** Reads the channel variables and SIP headers routes match on; only those, in parallel. */
async function readFacts(incoming: IncomingCall, lazy: readonly MatchField[], log: Logger): Promise<CallFacts> {
  const vars: Record<string, string | undefined> = {};
  const headers: Record<string, string | undefined> = {};
  if (lazy.length > 0) await Promise.all(
    lazy.map(async (field) => {
      const isHeader = field.startsWith('header.');
      const name = field.slice(isHeader ? 'header.'.length : 'var.'.length);
      const variable = isHeader ? `PJSIP_HEADER(read,${name})` : name;
      try {
        const value = await incoming.control.getVariable(variable);
        if (isHeader) headers[name] = value === '' ? undefined : value;
        else vars[name] = value;
      } catch (err) {
        if (isHangupError(err)) throw err;
        // Asterisk answers 500 "Unable to read provided function" when the INVITE has no such header.
        if (isHeader && isVoxtraError(err, 'ARI_REQUEST_FAILED') && err.details.status === 500) return;
        // An unreadable fact only means routes on it cannot match this call.
        log.warn({ err, field }, `could not read ${field}; routes on it will not match`);
      }
    }),
  );
  const ch = incoming.channel;
  return callFacts({ extension: ch.extension, number: ch.callerNumber, callerName: ch.callerName, args: incoming.args, vars, headers });
}

function routeCondition(cond: ConditionIR, facts: CallFacts, incoming: IncomingCall, snapshot: AppSnapshot, clock: Clock, services?: StepServices): boolean {
  const scope = {
    call: {
      id: incoming.control.channelId,
      app: incoming.app,
      extension: facts.extension,
      number: facts.number,
      caller: incoming.channel.callerNumber,
      caller_name: facts.callerName,
      args: [...facts.args],
      channel: incoming.channel.name,
      route: '',
      version: snapshot.version,
    },
    metadata: {},
    vars: {},
  };
  return evaluateCondition(cond, {
    engine: templateEngine,
    scope,
    render: (text) => templateEngine.render(text, scope),
    calendars: services?.calendars,
    now: () => clock.now(),
  });
}

async function hangupQuietly(incoming: IncomingCall, reason: HangupReason, log: Logger): Promise<void> {
  if (incoming.control.ending.aborted) return;
  try {
    await incoming.control.hangup(reason);
  } catch (err) {
    if (!isHangupError(err)) log.warn({ err }, 'hangup after the flow failed');
  }
}

function flowOf(target: { kind: string; flow?: string }): string | undefined {
  return target.kind === 'flow' ? target.flow : undefined;
}

function describe(err: unknown): { code?: string; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  return isVoxtraError(err) ? { code: err.code, message } : { message };
}
