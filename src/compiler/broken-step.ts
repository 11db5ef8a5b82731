import type { SourceRef, StepIR } from '../ir/types';

/** The type of a placeholder for a step that failed its schema. No step definition has it. */
export const BROKEN_STEP = '@invalid';

/** What a broken step might have been, for the rules that walk step lists. */
export interface BrokenStepParams {
  /** Keys and strings written in the step: a label it might define has one of these names. */
  readonly names: readonly string[];
  /** It may have been a label: its type is label-shaped, its name a typo of one, or it is not even shaped like a step. */
  readonly mayLabel: boolean;
}

/**
 * A placeholder that keeps a schema-invalid step's place in its list, so
 * rules see that something is there without reading it (an app with one
 * never gets a snapshot).
 */
export function brokenStep(id: string, source: SourceRef, names: readonly string[], mayLabel: boolean): StepIR<BrokenStepParams> {
  return { type: BROKEN_STEP, id, params: { names, mayLabel }, source };
}

/** The placeholder's params when `step` is a broken step. */
export function brokenOf(step: StepIR): BrokenStepParams | undefined {
  return step.type === BROKEN_STEP ? (step.params as BrokenStepParams) : undefined;
}

/** True when `step` is a broken step that may define label `name`. */
export function mayBeLabel(step: StepIR, name: string): boolean {
  const broken = brokenOf(step);
  return broken !== undefined && broken.mayLabel && broken.names.includes(name);
}
