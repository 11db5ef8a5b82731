import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import type { SourceRef } from '../../ir/types';
import { appFacts } from './app-facts';
import { at, type Rule } from './rule';

const WHAT = { default: 'The default', route: 'A route', dispatch: 'A dispatch rule' } as const;

/** UNKNOWN_FLOW: a route, rule, default or `call` step names a flow that does not exist (not even in a part that could not be read). */
export const unknownFlowRule: Rule = {
  name: 'unknown-flow',
  check(app) {
    const facts = appFacts(app);
    const out: Diagnostic[] = [];
    const check = (flow: string, source: SourceRef, what: string): void => {
      if (app.flows.has(flow) || app.unknowns.mayDefineFlow(flow)) return;
      out.push(at('UNKNOWN_FLOW', `${what} names flow "${flow}", which does not exist`, source, { hint: didYouMean(flow, facts.userFlowIds) }));
    };
    for (const r of app.flowRefs) check(r.flow, r.source, WHAT[r.from]);
    for (const e of facts.callEdges) check(e.to, e.source, 'A call step');
    return out;
  },
};
