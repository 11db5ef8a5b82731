import type { Diagnostic } from '../../diagnostics/diagnostic';
import { walkSteps } from '../walk-steps';
import { at, type Rule } from './rule';

/** MENU_NO_EXIT: a `menu` step with no options gives the caller no way out. */
export const menuNoExitRule: Rule = {
  name: 'menu-no-exit',
  check(app) {
    const out: Diagnostic[] = [];
    const def = app.steps.get('menu');
    if (!def) return [];
    for (const flow of app.flows.values()) {
      walkSteps(flow.steps, app.steps, ({ step }) => {
        if (step.type !== 'menu') return;
        const options = (def.branches?.(step.params) ?? []).filter((b) => b.key === 'options' || b.key.startsWith('options.'));
        if (options.length === 0) out.push(at('MENU_NO_EXIT', 'this menu has no options, so no key the caller presses leads anywhere', step.source));
      });
    }
    return out;
  },
};
