import type { JsonPath } from '../core/json-path';
import { closestName } from '../diagnostics/did-you-mean';
import type { AppSnapshot, SourceRef } from '../ir/types';
import { HANGUP_REASON_CAUSES } from '../simulator/model/causes';
import { parseLine } from './line-matcher';
import { resolveHttpKey } from './normalize-http';
import type { ScenarioContext } from './scenario-context';
import type { Expectations, ExpectedDialplanTarget, LineMatcher, PromptMatcher, ScalarValue } from './scenario-types';

type Raw = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Route, rule and default names a call to this app can be taken by. */
export function routeNames(snapshot: AppSnapshot): string[] {
  return [...snapshot.routes.map((r) => r.name), ...snapshot.dispatch.map((d) => d.name), ...(snapshot.defaultTarget ? ['default'] : [])];
}

/** Reads a schema-valid `expect` map, checking names against the app's snapshot when there is one. */
export function normalizeExpect(raw: Raw, path: JsonPath, snapshot: AppSnapshot | undefined, ctx: ScenarioContext): Expectations {
  const out: Mutable<Expectations> = {};
  const at = (key: string): JsonPath => [...path, key];
  const src = (key: string) => ctx.at(at(key));

  if (raw.route !== undefined) {
    const route = raw.route as string | null;
    if (route !== null && snapshot && !routeNames(snapshot).includes(route)) unknown(ctx, 'SCENARIO_UNKNOWN_ROUTE', `app ${snapshot.app} has no route or rule named "${route}"`, route, routeNames(snapshot), at('route'));
    out.route = { value: route, source: src('route') };
  }
  if (raw.flow !== undefined) {
    const flow = raw.flow as string | null;
    if (flow !== null && snapshot && !Object.hasOwn(snapshot.flows, flow)) unknown(ctx, 'SCENARIO_UNKNOWN_FLOW', `app ${snapshot.app} has no flow "${flow}"`, flow, Object.keys(snapshot.flows), at('flow'));
    out.flow = { value: flow, source: src('flow') };
  }
  if (typeof raw.outcome === 'string') out.outcome = { value: raw.outcome, source: src('outcome') };
  if (typeof raw.error === 'string') out.error = { value: raw.error, source: src('error') };
  if (raw.prompts !== undefined) {
    const p = raw.prompts;
    const mode = Array.isArray(p) ? 'exactly' : Object.hasOwn(p as Raw, 'includes') ? 'includes' : 'exactly';
    const list = (Array.isArray(p) ? p : (p as Raw)[mode]) as unknown[];
    out.prompts = { value: { mode, items: list.map(promptMatcher) }, source: src('prompts') };
  }
  const entries = (key: string): Record<string, SourceRef> => Object.fromEntries(Object.keys(raw[key] as Raw).map((name) => [name, ctx.at([...at(key), name])]));
  if (raw.variables !== undefined) out.variables = { value: raw.variables as Record<string, unknown>, source: src('variables'), entries: entries('variables') };
  if (raw.channel_variables !== undefined) {
    out.channelVariables = { value: raw.channel_variables as Record<string, ScalarValue>, source: src('channel_variables'), entries: entries('channel_variables') };
  }
  if (raw.queue !== undefined) out.queue = { value: raw.queue as string | null, source: src('queue') };
  if (raw.continued !== undefined) out.continued = { value: raw.continued as ExpectedDialplanTarget | null, source: src('continued') };
  if (raw.hangup !== undefined) {
    const h = raw.hangup as Raw;
    const cause = typeof h.cause === 'number' ? h.cause : typeof h.cause === 'string' ? HANGUP_REASON_CAUSES[h.cause] : undefined;
    out.hangup = {
      value: { ...(typeof h.by === 'string' ? { by: h.by } : {}), ...(cause !== undefined ? { cause } : {}), ...(typeof h.cause === 'string' ? { causeName: h.cause } : {}) },
      source: src('hangup'),
    };
  }
  for (const [key, timed] of [['transcript', true], ['events', false], ['logs', false]] as const) {
    if (!Array.isArray(raw[key])) continue;
    const lines = lineMatchers(raw[key] as string[], at(key), timed, ctx);
    if (key === 'transcript') out.transcript = { value: lines, source: src(key) };
    else if (key === 'events') out.events = { value: lines, source: src(key) };
    else out.logs = { value: lines, source: src(key) };
  }
  if (Array.isArray(raw.requests)) {
    const requests: { url: string; written: string; body?: Record<string, unknown> }[] = [];
    raw.requests.forEach((r: unknown, i) => {
      const to = typeof r === 'string' ? r : ((r as Raw).to as string);
      const url = resolveHttpKey(to, snapshot, typeof r === 'string' ? [...at('requests'), i] : [...at('requests'), i, 'to'], ctx, false);
      if (url) requests.push({ url, written: to, ...(typeof r === 'object' && r !== null && (r as Raw).body ? { body: (r as Raw).body as Record<string, unknown> } : {}) });
    });
    out.requests = { value: requests, source: src('requests') };
  }
  return out;
}

function promptMatcher(raw: unknown): PromptMatcher {
  if (typeof raw === 'string') return { text: raw, written: raw };
  const r = raw as Raw;
  const via = typeof r.say === 'string' ? 'say' : typeof r.play === 'string' ? 'play' : undefined;
  const text = (via === 'say' ? r.say : via === 'play' ? r.play : '') as string;
  const status = r.status as PromptMatcher['status'];
  const written = `${via ? `${via} ` : ''}${text}${status ? ` (${status})` : ''}`.trim();
  return { text, ...(via ? { via } : {}), ...(status ? { status } : {}), written };
}

function lineMatchers(lines: readonly string[], path: JsonPath, timed: boolean, ctx: ScenarioContext): LineMatcher[] {
  const out: LineMatcher[] = [];
  lines.forEach((line, i) => {
    try {
      out.push(parseLine(line, timed));
    } catch (err) {
      ctx.report('SCENARIO_INVALID', `the regex ${line} does not compile: ${(err as Error).message}`, [...path, i]);
    }
  });
  return out;
}

function unknown(ctx: ScenarioContext, code: 'SCENARIO_UNKNOWN_ROUTE' | 'SCENARIO_UNKNOWN_FLOW', message: string, name: string, known: readonly string[], path: JsonPath): void {
  const guess = closestName(name, known);
  ctx.report(code, `${message}; it has ${known.length > 0 ? known.join(', ') : 'none'}`, path, guess ? { hint: `Did you mean "${guess}"?` } : {});
}
