import type { RewriteRule, RouteIR } from '../ir/types';
import type { UnitRoute } from './file-unit';
import { addFacts, combineConditions, normalizeMatchMap, type NormalizedMatch } from './normalize-match-map';
import { normalizeTarget, type TargetOut } from './normalize-target';
import type { StepNormalizer } from './normalize-steps';
import { isRecord } from '../core/is-record';
import { plainCopy } from './shape';
import type { CompileSink } from './sink';

/**
 * Normalises `routes[index]` (definition order `order` across the app). A
 * route with a problem of its own (its inline steps aside) is left out of the
 * routes, since what it matches is not known; its target is still read, so
 * the flow it names and its steps are checked.
 */
export function normalizeRoute(raw: unknown, index: number, order: number, ctx: { sink: CompileSink; steps: StepNormalizer; out: TargetOut }): UnitRoute | undefined {
  const path = ['routes', index];
  if (!isRecord(raw)) {
    ctx.sink.unknowns.breakRoute(raw);
    return undefined;
  }
  const errors = ctx.sink.errors;
  const named = typeof raw.name === 'string';
  const name = named ? (raw.name as string) : `route#${order + 1}`;
  const match: NormalizedMatch = { clauses: [], conditions: [] };
  addFacts(raw, path, ctx.sink, match);
  normalizeMatchMap(raw.match, [...path, 'match'], ctx.sink, match);
  const rewrite: { extension?: RewriteRule; number?: RewriteRule } = {};
  if (isRecord(raw.rewrite)) {
    for (const field of ['extension', 'number'] as const) {
      const r = raw.rewrite[field];
      if (!isRecord(r) || typeof r.regex !== 'string' || typeof r.replace !== 'string' || ctx.sink.flagged(path, 'rewrite', field)) continue;
      const flags = typeof r.flags === 'string' ? r.flags : '';
      rewrite[field] = { regex: r.regex, flags, replace: r.replace };
      ctx.sink.matcher({ kind: 'regex', source: r.regex, flags }, [...path, 'rewrite', field, 'regex']);
    }
  }
  const broken = ctx.sink.errors > errors || ctx.sink.flagged(path);
  const target = normalizeTarget(raw, path, `@route/${name}`, 'route', ctx);
  if (broken || !target) {
    ctx.sink.unknowns.breakRoute(raw);
    return undefined;
  }
  const when = combineConditions(match.conditions);
  const route: RouteIR = {
    name,
    order,
    priority: typeof raw.priority === 'number' ? raw.priority : 0,
    match: match.clauses,
    ...(when ? { when } : {}),
    ...(rewrite.extension || rewrite.number ? { rewrite } : {}),
    metadata: isRecord(raw.metadata) ? plainCopy(raw.metadata) : {},
    target,
    source: ctx.sink.source(path),
  };
  return { route, named };
}
