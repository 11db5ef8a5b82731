import type { CancelSignal } from '../core/cancel-signal';
import { AbortError, type Clock } from '../core/clock';
import { CALL_LIMIT_DEFAULTS } from '../core/defaults';
import { isVoxtraError, VoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { PromisedOutcome, rejectLater, settleInto, type Outcome } from '../core/outcome';
import type { AppSnapshot, ConditionIR, StepIR } from '../ir/types';
import { stepLookup, type StepLookup } from '../steps/registry';
import type { StepContext, StepDefinition, StepServices } from '../steps/step-definition';
import { NEXT, type EndReason, type StepResult } from '../steps/step-result';
import { TemplateEngine, templateEngine, type TemplateScope } from '../template/engine';
import type { Call, ListenOptions, ListenResult, PlayOptions, PlayResult } from '../call/call-api';
import { evaluateCondition } from './conditions';
import { isHangupError } from './hangup-errors';
import { emit, type RunOutcome, type SessionObserver, type StepOutcome } from './observer';
import { checkVariableName } from '../call/safe-input';
import { labelIndex } from './step-labels';
import { templateScope, type CallScopeExtras } from './template-scope';

export interface FlowRunnerOptions {
  readonly call: Call & CallScopeExtras;
  readonly snapshot: AppSnapshot;
  readonly clock: Clock;
  readonly log?: Logger;
  /** What steps use: text-to-speech, HTTP, calendars. */
  readonly services?: StepServices;
  readonly observer?: SessionObserver;
  /** The step catalogue (default: `STEP_REGISTRY`). */
  readonly steps?: readonly StepDefinition[];
  readonly engine?: TemplateEngine;
}

export interface RunResult {
  readonly outcome: RunOutcome;
  /** Steps this call ran, nested ones included. */
  readonly steps: number;
  readonly durationMs: number;
}

/**
 * Where {@link FlowRunner.start} reports the run's end: its result, or its
 * failure (an error that is not a hangup). Neither may throw.
 */
export interface RunEnd {
  ran(result: RunResult): void;
  failed(err: unknown): void;
}

/** One entry into a flow: which, how deep, and when (for its flowExited duration). */
interface Frame {
  readonly flowId: string;
  readonly depth: number;
  readonly started: number;
}

const END_OUTCOMES: Readonly<Record<EndReason, RunOutcome>> = {
  hangup: 'hung_up',
  transferred: 'transferred',
  continued: 'continued',
  rejected: 'rejected',
  budget: 'error',
};

// Whether a (frozen) list of templates is all literal text: rendered once per snapshot, not on every step.
const literalLists = new WeakMap<readonly string[], boolean>();

/** How the observer reports a step by what it returned. */
const STEP_OUTCOMES: Readonly<Record<StepResult['kind'], StepOutcome>> = { next: 'ok', goto: 'jump', return: 'return', end: 'end' };

function errorInfo(err: unknown): { code?: string; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  return isVoxtraError(err) ? { code: err.code, message } : { message };
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The interpreter: runs a flow's steps against a `call`. It resolves labels
 * for goto (in the goto's list or an enclosing one of the same flow), runs
 * sub-flows, enforces the per-call step budget and the sub-flow depth, and
 * reports to a {@link SessionObserver}.
 *
 * A caller hangup ends the run quietly (`caller_hangup`); any other error is
 * reported as `error` and then thrown to the caller of {@link run}.
 */
export class FlowRunner {
  /** @internal */
  readonly call: Call & CallScopeExtras;
  /** @internal */
  readonly snapshot: AppSnapshot;
  /** @internal */
  readonly clock: Clock;
  /** @internal */
  readonly log: Logger;
  /** @internal */
  readonly services: StepServices;
  private readonly observer?: SessionObserver;
  private readonly definitions: StepLookup;
  private readonly engine: TemplateEngine;
  private lazyScope: TemplateScope | undefined;
  private readonly maxSteps: number;
  private readonly maxDepth: number;
  private lazyCounters: Map<string, number> | undefined;
  private stepsRun = 0;

  constructor(opts: FlowRunnerOptions) {
    this.call = opts.call;
    this.snapshot = opts.snapshot;
    this.clock = opts.clock;
    this.log = opts.log ?? silentLogger;
    this.services = opts.services ?? {};
    this.observer = opts.observer;
    this.definitions = stepLookup(opts.steps);
    this.engine = opts.engine ?? templateEngine;
    this.maxSteps = positive(opts.snapshot.settings.maxStepsPerCall, CALL_LIMIT_DEFAULTS.maxStepsPerCall);
    this.maxDepth = positive(opts.snapshot.settings.maxCallDepth, CALL_LIMIT_DEFAULTS.maxCallDepth);
  }

  /** Steps run so far. */
  get steps(): number {
    return this.stepsRun;
  }

  /**
   * @internal Per-call counters (goto loop bounds), made on first use, as
   * is the template scope: most calls need neither (literal prompts, no loops).
   */
  get counters(): Map<string, number> {
    return (this.lazyCounters ??= new Map());
  }

  private get scope(): TemplateScope {
    return (this.lazyScope ??= templateScope(this.call));
  }

  /**
   * Runs `flowId` to its end. Resolves with how it ended; rejects only for errors that are not a hangup.
   * Not async, nor is {@link runFlow}: a call waits in one step for most of its life, and each async frame on
   * the way down would stay suspended meanwhile (its registers, promise and await closures); a continuation
   * per level is smaller (bench/session heap snapshots).
   */
  run(flowId: string): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => this.start(flowId, { ran: resolve, failed: reject }));
  }

  /**
   * Runs `flowId` to its end, as {@link run} does, and reports the end to
   * `end` instead of settling a promise: a caller that is an object already
   * (a call's session) keeps no promise, reaction or closures while the call
   * waits (bench/session heap snapshots). Never throws.
   */
  start(flowId: string, end: RunEnd): void {
    const started = this.clock.now();
    let entered: { frame: Frame; steps: readonly StepIR[] };
    try {
      entered = this.enterFlow(flowId, 0, started);
    } catch (err) {
      // Reported on a later microtask, as a run that fails in its first step is, never from within this call.
      queueMicrotask(() => reportRun(end, () => this.failedWith(flowId, started, err)));
      return;
    }
    // The top flow's list settles the run itself (a TopRun), where runFlow chains a continuation for sub-flows: a
    // promise, its reaction and two closures fewer kept while the call waits (bench/session heap snapshots).
    const { frame, steps } = entered;
    new ListRun(this, steps, frame, new TopRun(this, frame, end));
  }

  /** @internal For {@link TopRun}: the top flow's list ended with `listed`; the run's result (throws for a failure). */
  topListed(frame: Frame, listed: StepResult): RunResult {
    let result: StepResult;
    try {
      result = this.flowResult(frame, listed);
    } catch (err) {
      return this.failedWith(frame.flowId, frame.started, err);
    }
    return this.ranTo(frame.flowId, frame.started, this.outcomeOf(result), undefined);
  }

  /** @internal For {@link TopRun}: the top flow's list failed with `err`; the run's result (throws for a failure). */
  topFailed(frame: Frame, err: unknown): RunResult {
    this.flowExited(frame, 'left');
    return this.failedWith(frame.flowId, frame.started, err);
  }

  /** How a run that returned ended: a step's end, or, when the list ran out, the caller gone or the flow completed. */
  private outcomeOf(result: StepResult): RunOutcome {
    // A listen that saw the hangup returns normally; the call then tells us it is gone.
    return result.kind === 'end' ? END_OUTCOMES[result.reason] : this.call.ended ? 'caller_hangup' : 'completed';
  }

  private failedWith(flowId: string, started: number, err: unknown): RunResult {
    return isHangupError(err, endingOf(this.call)) ? this.ranTo(flowId, started, 'caller_hangup', undefined) : this.ranTo(flowId, started, 'error', err);
  }

  /** How {@link run} ended: the observer's `ended` event, then the result (or the failure, rethrown). */
  private ranTo(flowId: string, started: number, outcome: RunOutcome, failure: unknown): RunResult {
    const durationMs = this.clock.now() - started;
    if (this.observer?.ended) {
      emit(
        this.observer,
        'ended',
        { callId: this.call.id, at: this.clock.now(), flowId, outcome, steps: this.stepsRun, durationMs, ...(failure !== undefined ? { error: errorInfo(failure) } : {}) },
        this.log,
      );
    }
    if (failure !== undefined) throw failure;
    return { outcome, steps: this.stepsRun, durationMs };
  }

  // ---------------------------------------------------------------- flows --

  /** Runs a flow: `NEXT` when it returned or ran out of steps, the end result when a step ended the flow. Not async (see {@link run}). */
  private runFlow(flowId: string, depth: number): Promise<StepResult> {
    let entered: { frame: Frame; steps: readonly StepIR[] };
    try {
      entered = this.enterFlow(flowId, depth, this.clock.now());
    } catch (err) {
      return Promise.reject(err);
    }
    const { frame, steps } = entered;
    return this.runList(steps, frame).then(
      (result) => this.flowResult(frame, result),
      (err: unknown) => {
        this.flowExited(frame, 'left');
        throw err;
      },
    );
  }

  /** Enters `flowId` at `depth` (reported to the observer): its frame and steps. Throws FLOW_NOT_FOUND. */
  private enterFlow(flowId: string, depth: number, started: number): { frame: Frame; steps: readonly StepIR[] } {
    const flow = this.snapshot.flows[flowId];
    if (!flow) throw new VoxtraError('FLOW_NOT_FOUND', `flow "${flowId}" does not exist in app ${this.snapshot.app}`, { flowId });
    if (this.observer?.flowEntered) emit(this.observer, 'flowEntered', { callId: this.call.id, at: started, flowId, depth }, this.log);
    return { frame: { flowId, depth, started }, steps: flow.steps };
  }

  private flowResult(frame: Frame, result: StepResult): StepResult {
    if (result.kind === 'goto') {
      this.flowExited(frame, 'left');
      throw new VoxtraError('GOTO_UNKNOWN_LABEL', `goto "${result.label}" (${result.stepId}) names no label in scope in flow "${frame.flowId}"`, { label: result.label, stepId: result.stepId, flowId: frame.flowId });
    }
    if (result.kind === 'end') {
      this.flowExited(frame, 'left');
      return result;
    }
    this.flowExited(frame, 'returned');
    return NEXT;
  }

  private flowExited(frame: Frame, outcome: 'returned' | 'left'): void {
    if (!this.observer?.flowExited) return;
    emit(this.observer, 'flowExited', { callId: this.call.id, at: this.clock.now(), flowId: frame.flowId, depth: frame.depth, durationMs: this.clock.now() - frame.started, outcome }, this.log);
  }

  /** @internal For {@link RunnerStepContext}. */
  async callFlow(flowId: string, from: Frame): Promise<StepResult> {
    const depth = from.depth + 1;
    if (depth > this.maxDepth) {
      throw new VoxtraError('CALL_DEPTH_EXCEEDED', `calling flow "${flowId}" from "${from.flowId}" would nest sub-flows deeper than ${this.maxDepth}`, { flowId, depth });
    }
    return this.runFlow(flowId, depth);
  }

  // ---------------------------------------------------------------- lists --

  /**
   * Runs a list: a goto to a label in this list jumps here; any other result
   * that is not `next` (a goto to an enclosing list, a return, the end) ends
   * the list and goes up to whoever ran it. The loop is a {@link ListRun}
   * rather than an async function: a call waits in a step for most of its
   * life, and a suspended async frame keeps its register file, its promise
   * and its await closures alive meanwhile (bench/session heap snapshots).
   * @internal For {@link RunnerStepContext}.
   */
  runList(steps: readonly StepIR[], frame: Frame): Promise<StepResult> {
    // A nested list (a branch, a menu option, a sub-flow) ends in a promise.
    const end = new PromisedOutcome<StepResult>();
    new ListRun(this, steps, frame, end);
    return end.promise;
  }

  /**
   * Starts `step`: checks the call may run it, counts it and reports its start. Its end goes to `run`, never from
   * inside this call; its sequence number and start time go on `run`. Throws when the call may not run it.
   * @internal For {@link ListRun}.
   */
  startStep(step: StepIR, frame: Frame, run: ListRun): void {
    const definition = this.stepDefinition(step, frame);
    const seq = ++this.stepsRun;
    const observer = this.observer;
    const started = observer?.stepStarted || observer?.stepFinished ? this.clock.now() : 0;
    run.seq = seq;
    run.started = started;
    if (observer?.stepStarted) emit(observer, 'stepStarted', { callId: this.call.id, flowId: frame.flowId, stepId: step.id, type: step.type, depth: frame.depth, seq, at: started }, this.log);
    const ctx = new RunnerStepContext(this, step, frame);
    try {
      if (definition.start !== undefined) definition.start(step.params, ctx, run);
      else run.awaitStep(definition.execute(step.params, ctx));
    } catch (err) {
      // A step that throws at once (rather than rejecting) is reported like one that rejects.
      rejectLater(run, err);
    }
  }

  /** @internal For {@link ListRun}: reports the step's end, with `result`, or with `err` when it failed. */
  stepEnded(step: StepIR, frame: Frame, seq: number, started: number, result: StepResult | undefined, err?: unknown): void {
    if (!this.observer?.stepFinished) return;
    if (result !== undefined) this.stepFinished(step, frame, seq, started, STEP_OUTCOMES[result.kind]);
    else this.stepFinished(step, frame, seq, started, isHangupError(err, endingOf(this.call)) ? 'hangup' : 'error', err);
  }

  /** @internal For {@link ListRun}: where a goto to `label` lands in `steps`, if it is there. */
  labelTarget(steps: readonly StepIR[], label: string): number | undefined {
    return labelIndex(steps, this.definitions).get(label);
  }

  /** The definition of the step about to run, once the call may run it. */
  private stepDefinition(step: StepIR, frame: Frame): StepDefinition {
    if (this.call.ended) throw new AbortError('the call has ended');
    if (this.stepsRun >= this.maxSteps) {
      throw new VoxtraError('STEP_BUDGET_EXCEEDED', `the call ran ${this.stepsRun} steps, the most one call may run`, { limit: this.maxSteps, flowId: frame.flowId, stepId: step.id });
    }
    const definition = this.definitions.get(step.type);
    if (!definition) throw new VoxtraError('STEP_FAILED', `unknown step type "${step.type}"`, { stepId: step.id });
    return definition;
  }

  private stepFinished(step: StepIR, frame: Frame, seq: number, started: number, outcome: StepOutcome, err?: unknown): void {
    const at = this.clock.now();
    const event = { callId: this.call.id, flowId: frame.flowId, stepId: step.id, type: step.type, depth: frame.depth, seq, at, durationMs: at - started, outcome, ...(outcome === 'error' ? { error: errorInfo(err) } : {}) };
    emit(this.observer, 'stepFinished', event, this.log);
  }

  // ------------------------------------------------------------- contexts --

  /** @internal For {@link RunnerStepContext}. */
  render(text: string): string {
    if (!TemplateEngine.isTemplate(text)) return text;
    try {
      return this.engine.render(text, this.scope);
    } catch (err) {
      throw new VoxtraError('TEMPLATE_ERROR', `template ${JSON.stringify(text)} failed: ${err instanceof Error ? err.message : String(err)}`, { template: text }, { cause: err });
    }
  }

  /** @internal For {@link RunnerStepContext}. */
  renderList(list: readonly string[]): readonly string[] {
    let literal = literalLists.get(list);
    if (literal === undefined) {
      literal = list.every((text) => !TemplateEngine.isTemplate(text));
      // Lists of the flows are frozen IR: known literal once, they are handed on as they are.
      if (Object.isFrozen(list)) literalLists.set(list, literal);
    }
    return literal ? list : list.map((text) => this.render(text));
  }

  /** @internal For {@link RunnerStepContext}. */
  renderValue(value: unknown): unknown {
    if (typeof value === 'string') return this.render(value);
    if (Array.isArray(value)) return value.map((v) => this.renderValue(v));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: this.renderValue(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  }

  /** @internal For {@link RunnerStepContext}. */
  test(condition: ConditionIR): boolean {
    return evaluateCondition(condition, {
      engine: this.engine,
      scope: this.scope,
      render: (text) => this.render(text),
      calendars: this.services.calendars,
      now: () => this.clock.now(),
    });
  }

  /** @internal For {@link RunnerStepContext}. */
  setVar(name: string, value: unknown, frame: Frame, step: StepIR): void {
    checkVariableName(name);
    // A variable named __proto__ must become a plain own property, never the prototype: defineProperty does that.
    // Any other name is a plain assignment, which V8 keeps on its fast path (defineProperty per variable was
    // ~7 µs per call in bench/calls profiles for listen_dtmf's two variables).
    if (name === '__proto__') Object.defineProperty(this.call.vars, name, { value, enumerable: true, writable: true, configurable: true });
    else this.call.vars[name] = value;
    if (this.observer?.variableSet) emit(this.observer, 'variableSet', { callId: this.call.id, at: this.clock.now(), name, value, flowId: frame.flowId, stepId: step.id }, this.log);
  }
}

/** The end of the top flow's list: it closes the flow and reports the run's end (see {@link FlowRunner.start}). */
class TopRun implements Outcome<StepResult> {
  constructor(
    private readonly runner: FlowRunner,
    private readonly frame: Frame,
    private readonly end: RunEnd,
  ) {}

  resolved(listed: StepResult): void {
    reportRun(this.end, () => this.runner.topListed(this.frame, listed));
  }

  rejected(err: unknown): void {
    reportRun(this.end, () => this.runner.topFailed(this.frame, err));
  }
}

/** Once per run, at its end: reports the run's result to `end`, or what ending it threw (a failure is rethrown by design). */
function reportRun(end: RunEnd, finish: () => RunResult): void {
  let result: RunResult;
  try {
    result = finish();
  } catch (err) {
    return end.failed(err);
  }
  end.ran(result);
}

/**
 * One run of a step list, as a small state machine: the index of the step
 * under way, its sequence number and start time, and where the list ends.
 * Each step's end comes to {@link resolved} or {@link rejected} (a `start`
 * step's directly, an `execute` step's from its promise); a result that is
 * not `next` (and not a goto to a label of this list) or a failure ends the
 * list.
 */
class ListRun implements Outcome<StepResult> {
  /** @internal Set by FlowRunner.startStep. */
  seq = 0;
  /** @internal Set by FlowRunner.startStep. */
  started = 0;
  private i = 0;

  constructor(
    private readonly runner: FlowRunner,
    private readonly steps: readonly StepIR[],
    private readonly frame: Frame,
    /** Where the list ends (neither method may throw). */
    private readonly end: Outcome<StepResult>,
  ) {
    this.runStep();
  }

  /** Starts the step at `i`, or ends the list once it ran out of steps. */
  private runStep(): void {
    if (this.i >= this.steps.length) return this.end.resolved(NEXT);
    try {
      this.runner.startStep(this.steps[this.i], this.frame, this);
    } catch (err) {
      // The call may not run it (ended, over its budget, unknown type): the list fails without a step report.
      return this.end.rejected(err);
    }
  }

  /** @internal For FlowRunner.startStep: the end of a step that has no `start`, from its promise. */
  awaitStep(pending: Promise<StepResult>): void {
    // A step written as a plain function (a custom registry) may return its result directly. The continuations
    // are made per step, not kept per list: a call waiting in a `start` step keeps none.
    settleInto(Promise.resolve(pending), this);
  }

  resolved(result: StepResult): void {
    this.stepDone(result);
  }

  rejected(err: unknown): void {
    this.stepFailed(err);
  }

  private stepDone(result: StepResult): void {
    let target: number | undefined;
    try {
      this.runner.stepEnded(this.steps[this.i], this.frame, this.seq, this.started, result);
      if (result.kind !== 'next') {
        target = result.kind === 'goto' ? this.runner.labelTarget(this.steps, result.label) : undefined;
        if (target === undefined) return this.end.resolved(result);
      }
    } catch (err) {
      // Nothing may escape a continuation (it would be an unhandled rejection): the list fails instead.
      return this.end.rejected(err);
    }
    this.i = target ?? this.i + 1;
    this.runStep();
  }

  private stepFailed(err: unknown): void {
    try {
      this.runner.stepEnded(this.steps[this.i], this.frame, this.seq, this.started, undefined, err);
    } catch {
      // emit() already keeps an observer's failure from reaching here; the step's own failure is what counts.
    }
    this.end.rejected(err);
  }
}

/**
 * What a running step sees. A class rather than an object literal: the
 * methods live on the prototype, so a step costs one small fixed-shape object
 * instead of a dictionary-mode object and a closure per method (measured with
 * heap snapshots under bench/calls: about 2 KiB a call in progress). What
 * the runner already holds is read through it, not copied per step.
 */
class RunnerStepContext implements StepContext {
  private logger: Logger | undefined;

  constructor(
    private readonly runner: FlowRunner,
    readonly step: StepIR,
    private readonly frame: Frame,
  ) {}

  get call(): Call {
    return this.runner.call;
  }

  get signal(): AbortSignal {
    return this.runner.call.signal;
  }

  get clock(): Clock {
    return this.runner.clock;
  }

  get snapshot(): AppSnapshot {
    return this.runner.snapshot;
  }

  get services(): StepServices {
    return this.runner.services;
  }

  get flowId(): string {
    return this.frame.flowId;
  }

  get counters(): Map<string, number> {
    return this.runner.counters;
  }

  /** A child logger naming the flow and step, made on first use (most steps never log). */
  get log(): Logger {
    this.logger ??= this.runner.log.child({ flow: this.frame.flowId, step: this.step.id });
    return this.logger;
  }

  render(text: string): string {
    return this.runner.render(text);
  }

  renderList(list: readonly string[]): readonly string[] {
    return this.runner.renderList(list);
  }

  renderValue(value: unknown): unknown {
    return this.runner.renderValue(value);
  }

  test(condition: ConditionIR): boolean {
    return this.runner.test(condition);
  }

  run(steps: readonly StepIR[]): Promise<StepResult> {
    return this.runner.runList(steps, this.frame);
  }

  callFlow(flowId: string): Promise<StepResult> {
    return this.runner.callFlow(flowId, this.frame);
  }

  setVar(name: string, value: unknown): void {
    this.runner.setVar(name, value, this.frame, this.step);
  }

  listenDtmfInto(opts: ListenOptions, end: Outcome<ListenResult>): void {
    const call = this.runner.call as Call & { listenDtmfInto?(opts: ListenOptions, end: Outcome<ListenResult>): void };
    // A VoxtraCall reports to `end` itself; another Call implementation through its promise.
    if (call.listenDtmfInto !== undefined) call.listenDtmfInto(opts, end);
    else settleInto(call.listenDtmf(opts), end);
  }

  playInto(media: readonly string[], opts: PlayOptions, end: Outcome<PlayResult>): void {
    const call = this.runner.call as Call & { playInto?(media: readonly string[], opts: PlayOptions, end: Outcome<PlayResult>): void };
    if (call.playInto !== undefined) call.playInto(media, opts, end);
    else settleInto(call.play(media, opts), end);
  }
}

/** The call's end as the cheapest signal it has: a VoxtraCall's `ending`, else its AbortSignal (other Call implementations). */
function endingOf(call: Call): CancelSignal {
  return (call as Call & { readonly ending?: CancelSignal }).ending ?? call.signal;
}
