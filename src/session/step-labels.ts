import type { StepIR } from '../ir/types';

const cache = new WeakMap<readonly StepIR[], ReadonlyMap<string, number>>();

/** Index of each `label` step in one list (not in nested lists). Lists are frozen IR, so this is cached. */
export function labelIndex(steps: readonly StepIR[]): ReadonlyMap<string, number> {
  let index = cache.get(steps);
  if (!index) {
    const map = new Map<string, number>();
    steps.forEach((step, i) => {
      if (step.type !== 'label') return;
      const name = (step.params as { name?: unknown }).name;
      if (typeof name === 'string' && !map.has(name)) map.set(name, i);
    });
    index = map;
    cache.set(steps, index);
  }
  return index;
}
