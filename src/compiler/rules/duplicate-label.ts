import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { SourceRef } from '../../ir/types';
import { labelOf } from '../../steps/step-facts';
import { walkSteps } from '../walk-steps';
import { at, relatedAt, type Rule } from './rule';

/** DUPLICATE_LABEL: two labels with one name in one flow. */
export const duplicateLabelRule: Rule = {
  name: 'duplicate-label',
  check(app) {
    const out: Diagnostic[] = [];
    for (const flow of app.flows.values()) {
      const seen = new Map<string, SourceRef>();
      const found: { name: string; source: SourceRef }[] = [];
      walkSteps(flow.steps, app.steps, ({ step }) => {
        const name = labelOf(step, app.steps);
        if (name !== undefined) found.push({ name, source: step.source });
      });
      for (const { name, source } of found) {
        const first = seen.get(name);
        if (first) out.push(at('DUPLICATE_LABEL', `label "${name}" appears twice in flow "${flow.id}"`, source, { related: [relatedAt('first defined here', first)] }));
        else seen.set(name, source);
      }
    }
    return out;
  },
};
