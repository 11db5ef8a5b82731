import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { jumpOf } from '../../steps/step-facts';
import { appFacts } from './app-facts';
import { at, type Rule } from './rule';

/** UNKNOWN_LABEL: a goto names a label that is not in its list or an enclosing one (nor may be a step there that failed its schema). */
export const unknownLabelRule: Rule = {
  name: 'unknown-label',
  check(app) {
    const out: Diagnostic[] = [];
    for (const index of appFacts(app).flows) {
      const { flow } = index;
      let labels: string[] | undefined;
      for (const { step } of index.visits) {
        const jump = jumpOf(step, app.steps);
        if (!jump || index.labelTarget(step, jump.label) || index.mayReachBroken(step, jump.label)) continue;
        labels ??= index.labels.map((l) => l.name);
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
