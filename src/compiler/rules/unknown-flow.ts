import { didYouMean } from '../../diagnostics/did-you-mean';
import { at, type Rule } from './rule';
import { callEdges } from './flow-graph';

const userFlows = (ids: Iterable<string>): string[] => [...ids].filter((id) => !id.startsWith('@'));

/** UNKNOWN_FLOW: a route, rule, default or `call` step names a flow that does not exist (not even in a part that could not be read). */
export const unknownFlowRule: Rule = {
  name: 'unknown-flow',
  check(app) {
    const refs = [
      ...app.flowRefs.map((r) => ({ flow: r.flow, source: r.source, what: r.from === 'default' ? 'The default' : r.from === 'route' ? 'A route' : 'A dispatch rule' })),
      ...callEdges(app).map((e) => ({ flow: e.to, source: e.source, what: 'A call step' })),
    ];
    return refs
      .filter((r) => !app.flows.has(r.flow) && !app.unknowns.mayDefineFlow(r.flow))
      .map((r) => at('UNKNOWN_FLOW', `${r.what} names flow "${r.flow}", which does not exist`, r.source, { hint: didYouMean(r.flow, userFlows(app.flows.keys())) }));
  },
};
