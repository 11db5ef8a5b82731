import type { Diagnostic } from '../../diagnostics/diagnostic';
import { appFacts } from './app-facts';
import { at, type Rule } from './rule';

/** UNUSED_FLOW: a flow no route, rule, default or call step uses (nor may a part that could not be read). */
export const unusedFlowRule: Rule = {
  name: 'unused-flow',
  check(app) {
    const used = new Set<string>();
    for (const r of app.flowRefs) used.add(r.flow);
    for (const e of appFacts(app).callEdges) used.add(e.to);
    const out: Diagnostic[] = [];
    for (const f of app.flows.values()) {
      if (!f.synthetic && !used.has(f.id) && !app.unknowns.mayUseFlow(f.id)) out.push(at('UNUSED_FLOW', `flow "${f.id}" is never used`, f.source));
    }
    return out;
  },
};
