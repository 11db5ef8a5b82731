import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { StepIR } from '../../ir/types';
import { labelOf } from '../../steps/step-facts';
import { brokenOf } from '../broken-step';
import { appFacts } from './app-facts';
import { at, relatedAt, type Rule } from './rule';

/**
 * UNREACHABLE_STEP: a step after one that always ends its list (hangup,
 * return, transfer, a goto without max). A label is reachable again (a goto
 * can jump to it), so only the first dead step of each run is reported. A
 * step that failed its schema is never reported; it may be a label (then
 * what follows may be live), and it may end the list (so after a live one
 * nothing is called dead).
 */
export const unreachableStepRule: Rule = {
  name: 'unreachable-step',
  check(app) {
    const out: Diagnostic[] = [];
    for (const list of appFacts(app).stepLists) {
      // live → ended (after a step that ends the list) → dead (reported once) → live again at a label.
      let state: 'live' | 'ended' | 'dead' = 'live';
      let ender: StepIR | undefined;
      for (const step of list) {
        const broken = brokenOf(step);
        if (broken) {
          if (broken.mayLabel) state = 'live';
        } else if (labelOf(step, app.steps) !== undefined) state = 'live';
        else if (state === 'ended' && ender) {
          out.push(at('UNREACHABLE_STEP', `this ${step.type} step can never run`, step.source, { related: [relatedAt(`the ${ender.type} step before it always ends the list`, ender.source)] }));
          state = 'dead';
        } else if (state === 'live' && endsList(step, app)) {
          state = 'ended';
          ender = step;
        }
      }
    }
    return out;
  },
};

function endsList(step: StepIR, app: Parameters<Rule['check']>[0]): boolean {
  const def = app.steps.get(step.type);
  try {
    return def?.endsList?.(step.params) === true;
  } catch {
    return false;
  }
}
