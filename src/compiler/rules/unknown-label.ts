import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { labelOf } from '../../steps/step-facts';
import { walkSteps } from '../walk-steps';
import { gotoTargets } from './goto-targets';
import { at, type Rule } from './rule';

/** UNKNOWN_LABEL: a goto names a label that is not in its list or an enclosing one. */
export const unknownLabelRule: Rule = {
  name: 'unknown-label',
  check(app) {
    const out: Diagnostic[] = [];
    for (const flow of app.flows.values()) {
      const labels: string[] = [];
      walkSteps(flow.steps, app.steps, ({ step }) => {
        const l = labelOf(step, app.steps);
        if (l !== undefined) labels.push(l);
      });
      for (const g of gotoTargets(flow, app)) {
        if (g.target) continue;
        const elsewhere = labels.includes(g.label);
        out.push(
          at('UNKNOWN_LABEL', elsewhere ? `label "${g.label}" is not in scope of this goto` : `goto names label "${g.label}", which flow "${flow.id}" does not have`, g.step.source, {
            hint: elsewhere ? 'The label is inside another branch; a goto may only jump to its own list or an enclosing one.' : didYouMean(g.label, labels),
          }),
        );
      }
    }
    return out;
  },
};
