import type { ConditionIR, StepIR } from '../ir/types';

/**
 * How a step passes control on, which is also how graphs draw it:
 * - `step`: runs, then control passes on (after whichever of its branches
 *   ran; with branches it is drawn as a decision with an `otherwise` edge);
 * - `decision`: runs one of its branches; without the branch its definition
 *   names as `otherwise`, control passes straight on under that name;
 * - `menu`: a decision the caller makes with keys: `choice` branches in
 *   keypad order, `retry` branches that lead back to it, and `otherwise`;
 * - `label`: a place jumps land (`labelName`);
 * - `jump`: jumps to a label (`jump`);
 * - `call`: runs another flow, then control passes on (`calledFlow`);
 * - `return`: leaves the sub-flow;
 * - `terminal`: the call leaves the flow (hangup, a queue, the dialplan).
 */
export type StepShape = 'step' | 'decision' | 'menu' | 'label' | 'jump' | 'call' | 'return' | 'terminal';

/** Where a `jump` step goes, and how many times before it falls through (no `max`: always). */
export interface StepJump {
  readonly label: string;
  readonly max?: number;
}

/** Given to `summary`: how graphs write the parts of a label, so every step writes them alike. */
export interface SummaryContext {
  /** `500ms`, `5s`, `2m`: a duration as people write it. */
  duration(ms: number): string;
  /** A condition in one short line. */
  condition(condition: ConditionIR): string;
  /** The label lines of a nested step (a prompt). */
  step(step: StepIR): readonly string[];
}
