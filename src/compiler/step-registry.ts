import type { StepDefinition } from '../steps/step-definition';

/** Step definitions by type, built once per registry array. */
export type StepLookup = ReadonlyMap<string, StepDefinition>;

const lookups = new WeakMap<readonly StepDefinition[], StepLookup>();

/** A by-type view of a registry array (cached). */
export function stepLookup(registry: readonly StepDefinition[]): StepLookup {
  let map = lookups.get(registry);
  if (!map) {
    map = new Map(registry.map((d) => [d.type, d]));
    lookups.set(registry, map);
  }
  return map;
}
