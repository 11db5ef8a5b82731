import type { AppSnapshot, DispatchRuleIR, FlowIR, RouteIR, TargetIR } from '../../src/ir/types';

/** A minimal AppSnapshot around the given routes, rules and flows. */
export function snapshot(init: { routes?: RouteIR[]; dispatch?: DispatchRuleIR[]; defaultTarget?: TargetIR; flows?: string[] }): AppSnapshot {
  const flows: Record<string, FlowIR> = {};
  for (const id of init.flows ?? []) flows[id] = { id, steps: [], synthetic: false, source: { file: 'flows/a.yaml', path: ['flows', id] } };
  return {
    app: 'voxtra',
    version: 'abcdef012345',
    flows,
    routes: init.routes ?? [],
    dispatch: init.dispatch ?? [],
    ...(init.defaultTarget ? { defaultTarget: init.defaultTarget } : {}),
    lazyFacts: [],
    settings: { queuesContext: 'voxtra-queues', calendars: {}, maxStepsPerCall: 1000, maxCallDepth: 8 },
    files: ['flows/a.yaml'],
  };
}

export function httpRule(name: string, url: string, timeoutMs = 500, order = 0): Extract<DispatchRuleIR, { kind: 'http' }> {
  return { kind: 'http', name, order, url, timeoutMs, headers: { 'X-Api-Key': 'k1' }, source: { file: 'flows/a.yaml', path: ['dispatch', order] } };
}

export function matchRule(
  name: string,
  match: Extract<DispatchRuleIR, { kind: 'match' }>['match'],
  target: TargetIR,
  order = 0,
  metadata: Record<string, unknown> = {},
): Extract<DispatchRuleIR, { kind: 'match' }> {
  return { kind: 'match', name, order, match, metadata, target, source: { file: 'flows/a.yaml', path: ['dispatch', order] } };
}
