import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { jumpOf, labelOf } from '../../steps/step-facts';
import { FlowIndex } from './flow-index';
import { at, type Rule } from './rule';

/** UNKNOWN_LABEL: a goto names a label that is not in its list or an enclosing one (nor may be a step there that failed its schema). */
export const unknownLabelRule: Rule = {
  name: 'unknown-label',
  check(app) {
    const out: Diagnostic[] = [];
    for (const flow of app.flows.values()) {
      const index = new FlowIndex(flow, app.steps);
      const labels: string[] = [];
      for (const { step } of index.visits) {
        const l = labelOf(step, app.steps);
        if (l !== undefined) labels.push(l);
      }
      for (const { step } of index.visits) {
        const jump = jumpOf(step, app.steps);
        if (!jump || index.labelTarget(step, jump.label) || index.mayReachBroken(step, jump.label)) continue;
        const elsewhere = labels.includes(jump.label);
        out.push(
          at('UNKNOWN_LABEL', elsewhere ? `label "${jump.label}" is not in scope of this goto` : `goto names label "${jump.label}", which flow "${flow.id}" does not have`, step.source, {
            hint: elsewhere ? 'The label is inside another branch; a goto may only jump to its own list or an enclosing one.' : didYouMean(jump.label, labels),
          }),
        );
      }
    }
    return out;
  },
};
