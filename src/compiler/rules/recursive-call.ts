import type { Diagnostic } from '../../diagnostics/diagnostic';
import { appFacts, type CallEdge } from './app-facts';
import { at, type Rule } from './rule';

/** RECURSIVE_CALL: flows that call each other (or themselves) in a cycle through `call` steps. */
export const recursiveCallRule: Rule = {
  name: 'recursive-call',
  check(app) {
    const byFrom = new Map<string, CallEdge[]>();
    for (const e of appFacts(app).callEdges) {
      if (!app.flows.has(e.to)) continue;
      const list = byFrom.get(e.from);
      if (list) list.push(e);
      else byFrom.set(e.from, [e]);
    }
    const state = new Map<string, 'active' | 'done'>();
    const stack: CallEdge[] = [];
    const out: Diagnostic[] = [];
    const visit = (flow: string): void => {
      state.set(flow, 'active');
      for (const e of byFrom.get(flow) ?? []) {
        if (state.get(e.to) === 'active') {
          // The edge closing the cycle: name the whole loop.
          const start = stack.findIndex((s) => s.from === e.to);
          const loop = [...stack.slice(start < 0 ? stack.length : start).map((s) => s.from), e.from, e.to];
          out.push(at('RECURSIVE_CALL', loop.length <= 2 ? `flow "${e.from}" calls itself` : `flows call each other in a loop: ${loop.join(' → ')}`, e.source));
        } else if (!state.has(e.to)) {
          stack.push(e);
          visit(e.to);
          stack.pop();
        }
      }
      state.set(flow, 'done');
    };
    for (const id of app.flows.keys()) if (!state.has(id)) visit(id);
    return out;
  },
};
