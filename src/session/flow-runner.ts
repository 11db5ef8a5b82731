import { AbortError, type Clock } from '../core/clock';
import { CALL_LIMIT_DEFAULTS } from '../core/defaults';
import { isVoxtraError, VoxtraError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { AppSnapshot, ConditionIR, StepIR } from '../ir/types';
import { stepLookup, type StepLookup } from '../steps/registry';
import type { StepContext, StepDefinition, StepServices } from '../steps/step-definition';
import { NEXT, type EndReason, type StepResult } from '../steps/step-result';
import { templateEngine, type TemplateEngine, type TemplateScope } from '../template/engine';
import type { Call } from '../call/call-api';
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

interface Frame {
  readonly flowId: string;
  readonly depth: number;
}

const END_OUTCOMES: Readonly<Record<EndReason, RunOutcome>> = {
  hangup: 'hung_up',
  transferred: 'transferred',
  continued: 'continued',
  rejected: 'rejected',
  budget: 'error',
};

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
  private readonly scope: TemplateScope;
  private readonly maxSteps: number;
  private readonly maxDepth: number;
  /** @internal */
  readonly counters = new Map<string, number>();
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
    this.scope = templateScope(opts.call);
    this.maxSteps = positive(opts.snapshot.settings.maxStepsPerCall, CALL_LIMIT_DEFAULTS.maxStepsPerCall);
    this.maxDepth = positive(opts.snapshot.settings.maxCallDepth, CALL_LIMIT_DEFAULTS.maxCallDepth);
  }

  /** Steps run so far. */
  get steps(): number {
    return this.stepsRun;
  }

  /** Runs `flowId` to its end. Resolves with how it ended; rejects only for errors that are not a hangup. */
  async run(flowId: string): Promise<RunResult> {
    const started = this.clock.now();
    let outcome: RunOutcome;
    let failure: unknown;
    try {
      const result = await this.runFlow(flowId, 0);
      // A listen that saw the hangup returns normally; the call then tells us it is gone.
      outcome = result.kind === 'end' ? END_OUTCOMES[result.reason] : this.call.ended ? 'caller_hangup' : 'completed';
    } catch (err) {
      if (isHangupError(err, this.call.signal)) outcome = 'caller_hangup';
      else {
        outcome = 'error';
        failure = err;
      }
    }
    const durationMs = this.clock.now() - started;
    emit(
      this.observer,
      'ended',
      { callId: this.call.id, at: this.clock.now(), flowId, outcome, steps: this.stepsRun, durationMs, ...(failure !== undefined ? { error: errorInfo(failure) } : {}) },
      this.log,
    );
    if (failure !== undefined) throw failure;
    return { outcome, steps: this.stepsRun, durationMs };
  }

  // ---------------------------------------------------------------- flows --

  /** Runs a flow: `NEXT` when it returned or ran out of steps, the end result when a step ended the flow. */
  private async runFlow(flowId: string, depth: number): Promise<StepResult> {
    const flow = this.snapshot.flows[flowId];
    if (!flow) throw new VoxtraError('FLOW_NOT_FOUND', `flow "${flowId}" does not exist in app ${this.snapshot.app}`, { flowId });
    const frame: Frame = { flowId, depth };
    const started = this.clock.now();
    emit(this.observer, 'flowEntered', { callId: this.call.id, at: started, flowId, depth }, this.log);
    const exit = (outcome: 'returned' | 'left'): void =>
      emit(this.observer, 'flowExited', { callId: this.call.id, at: this.clock.now(), flowId, depth, durationMs: this.clock.now() - started, outcome }, this.log);
    let result: StepResult;
    try {
      result = await this.runList(flow.steps, frame);
    } catch (err) {
      exit('left');
      throw err;
    }
    if (result.kind === 'goto') {
      exit('left');
      throw new VoxtraError('GOTO_UNKNOWN_LABEL', `goto "${result.label}" (${result.stepId}) names no label in scope in flow "${flowId}"`, { label: result.label, stepId: result.stepId, flowId });
    }
    if (result.kind === 'end') {
      exit('left');
      return result;
    }
    exit('returned');
    return NEXT;
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
   * the list and goes up to whoever ran it.
   * @internal For {@link RunnerStepContext}.
   */
  async runList(steps: readonly StepIR[], frame: Frame): Promise<StepResult> {
    let i = 0;
    while (i < steps.length) {
      const result = await this.runStep(steps[i], frame);
      if (result.kind === 'next') {
        i++;
        continue;
      }
      const target = result.kind === 'goto' ? labelIndex(steps, this.definitions).get(result.label) : undefined;
      if (target === undefined) return result;
      i = target;
    }
    return NEXT;
  }

  private async runStep(step: StepIR, frame: Frame): Promise<StepResult> {
    if (this.call.ended) throw new AbortError('the call has ended');
    if (this.stepsRun >= this.maxSteps) {
      throw new VoxtraError('STEP_BUDGET_EXCEEDED', `the call ran ${this.stepsRun} steps, the most one call may run`, { limit: this.maxSteps, flowId: frame.flowId, stepId: step.id });
    }
    const definition = this.definitions.get(step.type);
    if (!definition) throw new VoxtraError('STEP_FAILED', `unknown step type "${step.type}"`, { stepId: step.id });
    const seq = ++this.stepsRun;
    const base = { callId: this.call.id, flowId: frame.flowId, stepId: step.id, type: step.type, depth: frame.depth, seq };
    const started = this.clock.now();
    emit(this.observer, 'stepStarted', { ...base, at: started }, this.log);
    let outcome: StepOutcome = 'ok';
    let error: { code?: string; message: string } | undefined;
    try {
      const result = await definition.execute(step.params, this.context(step, frame));
      outcome = STEP_OUTCOMES[result.kind];
      return result;
    } catch (err) {
      if (isHangupError(err, this.call.signal)) outcome = 'hangup';
      else {
        outcome = 'error';
        error = errorInfo(err);
      }
      throw err;
    } finally {
      const at = this.clock.now();
      emit(this.observer, 'stepFinished', { ...base, at, durationMs: at - started, outcome, ...(error ? { error } : {}) }, this.log);
    }
  }

  // ------------------------------------------------------------- contexts --

  private context(step: StepIR, frame: Frame): StepContext {
    return new RunnerStepContext(this, step, frame);
  }

  /** @internal For {@link RunnerStepContext}. */
  render(text: string): string {
    try {
      return this.engine.render(text, this.scope);
    } catch (err) {
      throw new VoxtraError('TEMPLATE_ERROR', `template ${JSON.stringify(text)} failed: ${err instanceof Error ? err.message : String(err)}`, { template: text }, { cause: err });
    }
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
    // defineProperty: a variable named __proto__ becomes a plain own property, never the prototype.
    Object.defineProperty(this.call.vars, name, { value, enumerable: true, writable: true, configurable: true });
    emit(this.observer, 'variableSet', { callId: this.call.id, at: this.clock.now(), name, value, flowId: frame.flowId, stepId: step.id }, this.log);
  }
}

/**
 * What a running step sees. A class rather than an object literal: the
 * methods live on the prototype, so a step costs one small fixed-shape object
 * instead of a dictionary-mode object and a closure per method (measured with
 * heap snapshots under bench/calls: about 2 KiB a call in progress).
 */
class RunnerStepContext implements StepContext {
  readonly call: Call;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly snapshot: AppSnapshot;
  readonly services: StepServices;
  readonly flowId: string;
  readonly counters: Map<string, number>;
  private logger: Logger | undefined;

  constructor(
    private readonly runner: FlowRunner,
    readonly step: StepIR,
    private readonly frame: Frame,
  ) {
    this.call = runner.call;
    this.signal = runner.call.signal;
    this.clock = runner.clock;
    this.snapshot = runner.snapshot;
    this.services = runner.services;
    this.flowId = frame.flowId;
    this.counters = runner.counters;
  }

  /** A child logger naming the flow and step, made on first use (most steps never log). */
  get log(): Logger {
    this.logger ??= this.runner.log.child({ flow: this.frame.flowId, step: this.step.id });
    return this.logger;
  }

  render(text: string): string {
    return this.runner.render(text);
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
}
