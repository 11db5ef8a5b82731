import type { JsonPath } from '../core/json-path';
import type { ConditionIR, MatchClause, MatchField } from '../ir/types';
import { CALENDAR_STATES, type CalendarState } from '../calendar/calendar-spec';
import { normalizeCondition } from './normalize-condition';
import { normalizeMatcher } from './normalize-matcher';
import { isRecord } from '../core/is-record';
import type { CompileSink } from './sink';

/** Route and rule matching, normalised: clauses (AND) plus conditions for `when`. */
export interface NormalizedMatch {
  readonly clauses: MatchClause[];
  readonly conditions: ConditionIR[];
}

const FACT_KEYS = ['extension', 'number', 'caller_name', 'args'] as const;

/**
 * Normalises shorthand match keys on a route and a match map (`match:`,
 * `when:`). The structure has been schema-checked already; this turns
 * matchers and conditions into IR and reports their own problems.
 */
export function normalizeMatchMap(raw: unknown, path: JsonPath, sink: CompileSink, into: NormalizedMatch = { clauses: [], conditions: [] }): NormalizedMatch {
  if (!isRecord(raw)) return into;
  addFacts(raw, path, sink, into);
  for (const group of ['var', 'header'] as const) {
    const entries = raw[group];
    if (!isRecord(entries)) continue;
    for (const [name, m] of Object.entries(entries)) clause(`${group}.${name}`, m, [...path, group, name], sink, into);
  }
  const cal = raw.calendar;
  // A calendar name the schema refused is reported there, not again as unknown.
  if (sink.flagged(path, 'calendar')) {
    sink.unknowns.mention(cal);
  } else if (typeof cal === 'string') {
    sink.calendar(cal, [...path, 'calendar']);
    into.conditions.push({ kind: 'calendar', calendar: cal, state: 'open' });
  } else if (isRecord(cal) && typeof cal.name === 'string') {
    const state = (CALENDAR_STATES as readonly unknown[]).includes(cal.is) ? (cal.is as CalendarState) : 'open';
    sink.calendar(cal.name, [...path, 'calendar', 'name']);
    into.conditions.push({ kind: 'calendar', calendar: cal.name, state });
  }
  if ('condition' in raw) into.conditions.push(normalizeCondition(raw.condition, [...path, 'condition'], sink));
  return into;
}

/** Adds clauses for the fact keys (extension, number, caller_name, args) found directly on `raw`. */
export function addFacts(raw: Record<string, unknown>, path: JsonPath, sink: CompileSink, into: NormalizedMatch): void {
  for (const key of FACT_KEYS) if (key in raw) clause(key, raw[key], [...path, key], sink, into);
}

function clause(field: MatchField, raw: unknown, path: JsonPath, sink: CompileSink, into: NormalizedMatch): void {
  const matcher = normalizeMatcher(raw, path, sink);
  if (matcher) into.clauses.push({ field, matcher, source: sink.source(path) });
}

/** One condition out of several (AND), or none. */
export function combineConditions(conditions: readonly ConditionIR[]): ConditionIR | undefined {
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { kind: 'all', of: [...conditions] };
}
