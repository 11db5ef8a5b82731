import type { DiagnosticCode } from '../diagnostics/codes';
import type { Severity } from '../diagnostics/diagnostic';
import type { AppSettings, StepIR } from '../ir/types';

/** A problem a step rule found; the diagnostic gets the rule's code and the step's source position. */
export interface StepProblem {
  readonly message: string;
  /** The step the problem is about. */
  readonly at: StepIR;
  readonly hint?: string;
  /** Default: the code's own severity. */
  readonly severity?: Severity;
  readonly related?: readonly { readonly message: string; readonly at: StepIR }[];
}

/** What a step rule sees besides its step: the flow, the app's settings and where the flow's labels are. */
export interface StepRuleContext {
  readonly flowId: string;
  readonly settings: AppSettings;
  /** A step's position in its flow's execution order (a step, then the steps nested in it). */
  order(step: StepIR): number;
  /** The step defining `label` that a jump from `from` reaches, found as the interpreter does: `from`'s own list first, then each enclosing one. */
  labelTarget(from: StepIR, label: string): StepIR | undefined;
  report(problem: StepProblem): void;
}

/**
 * A semantic check of one step type, declared by its definition (`rules`).
 * The compiler runs it on every step of that type that passed its schema
 * (a step that did not is a placeholder no rule sees); it reports only its
 * own code (add a new code to src/diagnostics/codes.ts).
 */
export interface StepRule<P = unknown> {
  /** Kebab-case, like the compiler's own rules (`goto-unbounded`). */
  readonly name: string;
  readonly code: DiagnosticCode;
  /** AppSettings keys the rule looks names up in; it is skipped when the config section behind one could not be read. */
  readonly settings?: readonly string[];
  check(step: StepIR<P>, ctx: StepRuleContext): void;
}
