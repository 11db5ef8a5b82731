import type { StepIR } from '../ir/types';
import type { StepLookup } from '../steps/registry';

/** Where a visited step sits. */
export interface StepVisit {
  readonly step: StepIR;
  /** The list holding the step. */
  readonly list: readonly StepIR[];
  readonly index: number;
  /** The lists a goto from this step may jump within: its own list, then each enclosing list outwards. */
  readonly scopes: readonly (readonly StepIR[])[];
  /** Position in execution order (pre-order: a step, then the steps nested in it). */
  readonly order: number;
}

/** Nested step lists of a step, from its definition's `branches` and `children`. */
export function nestedLists(step: StepIR, steps: StepLookup): (readonly StepIR[])[] {
  const def = steps.get(step.type);
  if (!def || (!def.branches && !def.children)) return [];
  const lists: (readonly StepIR[])[] = [];
  if (def.branches) for (const b of def.branches(step.params)) lists.push(b.steps);
  if (def.children) for (const c of def.children(step.params)) lists.push([c.step]);
  return lists;
}

/** Visits every step of a list and its nested lists in execution order. */
export function walkSteps(steps: readonly StepIR[], lookup: StepLookup, visit: (v: StepVisit) => void): void {
  let order = 0;
  const walk = (list: readonly StepIR[], outer: readonly (readonly StepIR[])[]): void => {
    const scopes = [list, ...outer];
    for (let index = 0; index < list.length; index++) {
      const step = list[index];
      visit({ step, list, index, scopes, order: order++ });
      const def = lookup.get(step.type);
      // Most steps hold no steps: skip the lists' allocation for them.
      if (def && (def.branches || def.children)) for (const nested of nestedLists(step, lookup)) walk(nested, scopes);
    }
  };
  walk(steps, []);
}
