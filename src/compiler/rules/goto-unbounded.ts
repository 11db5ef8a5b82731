import type { Diagnostic } from '../../diagnostics/diagnostic';
import { gotoTargets } from './goto-targets';
import { at, relatedAt, type Rule } from './rule';

/** GOTO_UNBOUNDED: a goto jumps back (to a label at or before it) with no `max`. */
export const gotoUnboundedRule: Rule = {
  name: 'goto-unbounded',
  check(app) {
    const out: Diagnostic[] = [];
    for (const flow of app.flows.values()) {
      for (const g of gotoTargets(flow, app)) {
        if (!g.target || g.max !== undefined || g.target.order > g.order) continue;
        out.push(
          at('GOTO_UNBOUNDED', `goto "${g.label}" jumps back with no max, so the loop never ends on its own`, g.step.source, {
            hint: `Write \`goto: { label: ${g.label}, max: 3 }\`; after max jumps the goto falls through.`,
            related: [relatedAt('the label', g.target.step.source)],
          }),
        );
      }
    }
    return out;
  },
};
