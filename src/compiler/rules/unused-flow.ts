import { callEdges } from './flow-graph';
import { at, type Rule } from './rule';

/** UNUSED_FLOW: a flow no route, rule, default or call step uses (nor may a part that could not be read). */
export const unusedFlowRule: Rule = {
  name: 'unused-flow',
  check(app) {
    const used = new Set<string>([...app.flowRefs.map((r) => r.flow), ...callEdges(app).map((e) => e.to)]);
    return [...app.flows.values()]
      .filter((f) => !f.synthetic && !used.has(f.id) && !app.unknowns.mayUseFlow(f.id))
      .map((f) => at('UNUSED_FLOW', `flow "${f.id}" is never used`, f.source));
  },
};
