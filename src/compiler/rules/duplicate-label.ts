import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { SourceRef } from '../../ir/types';
import { appFacts } from './app-facts';
import { at, relatedAt, type Rule } from './rule';

/** DUPLICATE_LABEL: two labels with one name in one flow. */
export const duplicateLabelRule: Rule = {
  name: 'duplicate-label',
  check(app) {
    const out: Diagnostic[] = [];
    for (const index of appFacts(app).flows) {
      const seen = new Map<string, SourceRef>();
      for (const { name, step } of index.labels) {
        const first = seen.get(name);
        if (first) out.push(at('DUPLICATE_LABEL', `label "${name}" appears twice in flow "${index.flow.id}"`, step.source, { related: [relatedAt('first defined here', first)] }));
        else seen.set(name, step.source);
      }
    }
    return out;
  },
};
