import type { FlowIR, StepIR } from '../../ir/types';
import type { StepJump } from '../../steps/step-shape';
import type { AppModel } from '../app-model';
import { jumpOf, labelOf } from '../../steps/step-facts';
import { walkSteps } from '../walk-steps';

/** A goto and the label it reaches (undefined when none is in scope). */
export interface GotoTarget {
  readonly step: StepIR;
  readonly label: string;
  readonly max?: number;
  readonly order: number;
  readonly target?: { readonly step: StepIR; readonly order: number };
}

/**
 * Resolves every goto of a flow the way the interpreter does: the label is
 * looked for in the goto's own list first, then in each enclosing list.
 */
export function gotoTargets(flow: FlowIR, app: AppModel): GotoTarget[] {
  const orderOf = new Map<StepIR, number>();
  const gotos: { step: StepIR; scopes: readonly (readonly StepIR[])[]; order: number }[] = [];
  walkSteps(flow.steps, app.steps, ({ step, scopes, order }) => {
    orderOf.set(step, order);
    if (jumpOf(step, app.steps)) gotos.push({ step, scopes, order });
  });
  return gotos.map(({ step, scopes, order }) => {
    const g = jumpOf(step, app.steps) as StepJump;
    let target: StepIR | undefined;
    for (const list of scopes) {
      target = list.find((s) => labelOf(s, app.steps) === g.label);
      if (target) break;
    }
    return { step, label: g.label, ...(g.max !== undefined ? { max: g.max } : {}), order, ...(target ? { target: { step: target, order: orderOf.get(target) ?? -1 } } : {}) };
  });
}
