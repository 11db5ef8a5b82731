import { walkSteps } from '../compiler/walk-steps';
import type { AppSnapshot } from '../ir/types';
import { STEP_REGISTRY, stepLookup, type StepLookup } from '../steps/registry';

/** True when a flow of `snapshots` has a step that places outbound calls (its definition says `placesCalls`). */
export function flowsPlaceCalls(snapshots: readonly AppSnapshot[], lookup: StepLookup = stepLookup(STEP_REGISTRY)): boolean {
  let places = false;
  for (const snap of snapshots) {
    for (const flow of Object.values(snap.flows)) {
      walkSteps(flow.steps, lookup, ({ step }) => {
        if (lookup.get(step.type)?.placesCalls === true) places = true;
      });
      if (places) return true;
    }
  }
  return false;
}
