import { parseDuration } from '../core/duration';
import type { DispatchRuleIR } from '../ir/types';
import { combineConditions, normalizeMatchMap } from './normalize-match-map';
import { normalizeTarget, type TargetOut } from './normalize-target';
import type { StepNormalizer } from './normalize-steps';
import { isRecord } from '../core/is-record';
import { plainCopy } from './shape';
import type { CompileSink } from './sink';

/** How long the HTTP router waits when the rule gives no timeout. */
export const DEFAULT_HTTP_ROUTER_TIMEOUT_MS = 500;

/** Normalises `dispatch[index]` (definition order `order` across the app); a rule with a problem of its own is left out, like a route. */
export function normalizeDispatch(raw: unknown, index: number, order: number, ctx: { sink: CompileSink; steps: StepNormalizer; out: TargetOut }): DispatchRuleIR | undefined {
  const rule = readDispatch(raw, index, order, ctx);
  if (rule && !ctx.sink.flagged(['dispatch', index])) return rule;
  ctx.sink.unknowns.breakRoute(raw, true);
  return undefined;
}

function readDispatch(raw: unknown, index: number, order: number, ctx: { sink: CompileSink; steps: StepNormalizer; out: TargetOut }): DispatchRuleIR | undefined {
  if (!isRecord(raw)) return undefined;
  const path = ['dispatch', index];
  const name = typeof raw.name === 'string' ? raw.name : `dispatch#${order + 1}`;
  const source = ctx.sink.source(path);
  if (isRecord(raw.http)) {
    const http = raw.http;
    if (typeof http.url !== 'string') return undefined;
    let timeoutMs = DEFAULT_HTTP_ROUTER_TIMEOUT_MS;
    if (http.timeout !== undefined) {
      const ms = parseDuration(http.timeout);
      if (ms === undefined) ctx.sink.report({ code: 'INVALID_DURATION', message: `${JSON.stringify(http.timeout)} is not a duration`, path: [...path, 'http', 'timeout'] });
      else timeoutMs = ms;
    }
    const headers: Record<string, string> = {};
    if (isRecord(http.headers)) for (const [k, v] of Object.entries(http.headers)) if (typeof v === 'string') headers[k] = v;
    return { kind: 'http', name, order, url: http.url, timeoutMs, headers, source };
  }
  if (!isRecord(raw.when)) return undefined;
  const errors = ctx.sink.errors;
  const match = normalizeMatchMap(raw.when, [...path, 'when'], ctx.sink);
  const broken = ctx.sink.errors > errors;
  const target = normalizeTarget(raw, path, `@dispatch/${name}`, 'dispatch', ctx);
  if (!target || broken) return undefined;
  const when = combineConditions(match.conditions);
  return {
    kind: 'match',
    name,
    order,
    match: match.clauses,
    ...(when ? { when } : {}),
    metadata: isRecord(raw.metadata) ? plainCopy(raw.metadata) : {},
    target,
    source,
  };
}
