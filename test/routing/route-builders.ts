import type { ConditionIR, MatchClause, MatchField, RouteIR, StringMatcher, TargetIR } from '../../src/ir/types';

export const src = { file: 'flows/routes.yaml', path: ['routes'] as (string | number)[] };

export const exact = (value: string): StringMatcher => ({ kind: 'exact', value });
export const prefix = (value: string): StringMatcher => ({ kind: 'prefix', value });
export const suffix = (value: string): StringMatcher => ({ kind: 'suffix', value });
export const pattern = (value: string): StringMatcher => ({ kind: 'pattern', value });
export const regex = (source: string, flags = ''): StringMatcher => ({ kind: 'regex', source, flags });

export const clause = (field: MatchField, matcher: StringMatcher): MatchClause => ({ field, matcher, source: src });

export interface RouteInit {
  name?: string;
  priority?: number;
  match?: MatchClause[];
  when?: ConditionIR;
  metadata?: Record<string, unknown>;
  target?: TargetIR;
  rewrite?: RouteIR['rewrite'];
}

/** Builds RouteIR values with `order` taken from their position. */
export function routes(...inits: RouteInit[]): RouteIR[] {
  return inits.map((init, order) => ({
    name: init.name ?? `route#${order}`,
    order,
    priority: init.priority ?? 0,
    match: init.match ?? [],
    ...(init.when ? { when: init.when } : {}),
    ...(init.rewrite ? { rewrite: init.rewrite } : {}),
    metadata: init.metadata ?? {},
    target: init.target ?? { kind: 'flow', flow: init.name ?? `flow${order}` },
    source: { file: 'flows/routes.yaml', path: ['routes', order], line: order + 1, column: 3 },
  }));
}
