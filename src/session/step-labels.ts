import type { StepIR } from '../ir/types';
import type { StepLookup } from '../steps/registry';
import { labelOf } from '../steps/step-facts';

const cache = new WeakMap<readonly StepIR[], ReadonlyMap<string, number>>();

/**
 * Index of each label in one list (not in nested lists), by the labels its
 * steps' definitions declare. Lists are frozen IR and a list belongs to one
 * snapshot, compiled with one catalogue, so this is cached per list.
 */
export function labelIndex(steps: readonly StepIR[], lookup: StepLookup): ReadonlyMap<string, number> {
  let index = cache.get(steps);
  if (!index) {
    const map = new Map<string, number>();
    steps.forEach((step, i) => {
      const name = labelOf(step, lookup);
      if (typeof name === 'string' && !map.has(name)) map.set(name, i);
    });
    index = map;
    cache.set(steps, index);
  }
  return index;
}
