import type { StepIR } from '../ir/types';

/** Why a step ended the whole flow. */
export type EndReason = 'hangup' | 'transferred' | 'continued' | 'rejected' | 'budget';

/**
 * What a step's `execute` decided; the interpreter does it. `next` goes on
 * with the following step, `goto` jumps to a label in the step's list or an
 * enclosing one of the same flow, `return` leaves the sub-flow (or ends the
 * main flow), `end` ends the whole flow. Errors stay exceptions.
 */
export type StepResult =
  | { readonly kind: 'next' }
  | { readonly kind: 'goto'; readonly label: string; readonly stepId: string }
  | { readonly kind: 'return' }
  | { readonly kind: 'end'; readonly reason: EndReason };

/** Go on with the next step: the result of nearly every step, one shared object. */
export const NEXT: StepResult = Object.freeze({ kind: 'next' });

/** Leave the sub-flow. */
export const RETURN: StepResult = Object.freeze({ kind: 'return' });

/** End the flow, one shared result per reason. */
export const END: Readonly<Record<EndReason, StepResult>> = Object.freeze({
  hangup: Object.freeze({ kind: 'end', reason: 'hangup' }),
  transferred: Object.freeze({ kind: 'end', reason: 'transferred' }),
  continued: Object.freeze({ kind: 'end', reason: 'continued' }),
  rejected: Object.freeze({ kind: 'end', reason: 'rejected' }),
  budget: Object.freeze({ kind: 'end', reason: 'budget' }),
});

// Steps are frozen IR: a goto's result is made once per step and label, not per jump.
const jumps = new WeakMap<StepIR, Extract<StepResult, { kind: 'goto' }>>();

/** Jump from `step` to `label`. */
export function goTo(step: StepIR, label: string): StepResult {
  let result = jumps.get(step);
  if (result === undefined || result.label !== label) {
    result = Object.freeze({ kind: 'goto', label, stepId: step.id });
    jumps.set(step, result);
  }
  return result;
}
