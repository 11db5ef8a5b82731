import type { JsonPath } from '../core/json-path';
import type { ConditionIR, StringMatcher } from '../ir/types';
import { CALENDAR_STATES, type CalendarState } from '../calendar/calendar-spec';
import { checkKeys, expectString } from './check-keys';
import { isRecord } from '../core/is-record';
import type { CompileSink } from './sink';

const FORMS = ['all', 'any', 'not', 'calendar', 'value'] as const;
const VALUE_TESTS = ['equals', 'prefix', 'suffix', 'regex', 'pattern', 'in'] as const;
const ALL_KEYS = [...FORMS, 'is', ...VALUE_TESTS, 'flags'];

/** Stands in for a condition that did not normalise; the app has errors then, so it never runs. */
const INVALID: ConditionIR = { kind: 'expr', source: 'false' };

/**
 * Normalises a condition as written into ConditionIR. Expressions are
 * recorded for the template checks; calendars for UNKNOWN_CALENDAR.
 */
export function normalizeCondition(raw: unknown, path: JsonPath, sink: CompileSink, flowId?: string): ConditionIR {
  if (typeof raw === 'string') {
    sink.template(raw, 'condition', path, flowId);
    return { kind: 'expr', source: raw.trim() };
  }
  if (!isRecord(raw)) {
    sink.report({ code: 'SCHEMA_TYPE', message: `expected a condition (an expression string or a map such as { all: [...] }), got ${Array.isArray(raw) ? 'a list' : raw === null ? 'nothing' : `a ${typeof raw}`}`, path });
    return INVALID;
  }
  if (!checkKeys(raw, ALL_KEYS, path, sink)) return INVALID;
  const forms = FORMS.filter((k) => k in raw);
  if (forms.length !== 1) {
    sink.report({
      code: forms.length === 0 ? 'SCHEMA_MISSING_PROPERTY' : 'SCHEMA_INVALID',
      message: forms.length === 0 ? `a condition map needs one of ${FORMS.join(', ')}` : `give only one of ${forms.join(', ')}`,
      path,
    });
    return INVALID;
  }
  const form = forms[0];
  switch (form) {
    case 'all':
    case 'any':
      return list(form, raw, path, sink, flowId);
    case 'not':
      if (!checkKeys(raw, ['not'], path, sink)) return INVALID;
      return { kind: 'not', of: normalizeCondition(raw.not, [...path, 'not'], sink, flowId) };
    case 'calendar':
      return calendar(raw, path, sink);
    case 'value':
      return valueTest(raw, path, sink, flowId);
  }
}

function list(form: 'all' | 'any', raw: Record<string, unknown>, path: JsonPath, sink: CompileSink, flowId?: string): ConditionIR {
  if (!checkKeys(raw, [form], path, sink)) return INVALID;
  const items = raw[form];
  if (!Array.isArray(items) || items.length === 0) {
    sink.report({ code: Array.isArray(items) ? 'SCHEMA_VALUE' : 'SCHEMA_TYPE', message: `"${form}" needs a non-empty list of conditions`, path: [...path, form] });
    return INVALID;
  }
  return { kind: form, of: items.map((c, i) => normalizeCondition(c, [...path, form, i], sink, flowId)) };
}

function calendar(raw: Record<string, unknown>, path: JsonPath, sink: CompileSink): ConditionIR {
  if (!checkKeys(raw, ['calendar', 'is'], path, sink)) return INVALID;
  const name = expectString(raw.calendar, [...path, 'calendar'], sink);
  const state = raw.is ?? 'open';
  if (!(CALENDAR_STATES as readonly unknown[]).includes(state)) {
    sink.report({ code: 'SCHEMA_VALUE', message: `${JSON.stringify(state)} is not one of ${CALENDAR_STATES.join(', ')}`, path: [...path, 'is'] });
    return INVALID;
  }
  if (name === undefined) return INVALID;
  sink.calendar(name, [...path, 'calendar']);
  return { kind: 'calendar', calendar: name, state: state as CalendarState };
}

function valueTest(raw: Record<string, unknown>, path: JsonPath, sink: CompileSink, flowId?: string): ConditionIR {
  const tests = VALUE_TESTS.filter((k) => k in raw);
  if (!checkKeys(raw, tests.includes('regex') ? ['value', ...VALUE_TESTS, 'flags'] : ['value', ...VALUE_TESTS], path, sink)) return INVALID;
  if (tests.length !== 1) {
    sink.report({
      code: tests.length === 0 ? 'SCHEMA_MISSING_PROPERTY' : 'SCHEMA_INVALID',
      message: tests.length === 0 ? `a value test needs one of ${VALUE_TESTS.join(', ')}` : `give only one of ${tests.join(', ')}`,
      path,
    });
    return INVALID;
  }
  const value = expectString(raw.value, [...path, 'value'], sink);
  if (value === undefined) return INVALID;
  sink.template(value, 'template', [...path, 'value'], flowId);
  const test = tests[0];
  if (test === 'in') {
    const options = raw.in;
    if (!Array.isArray(options) || options.length === 0 || options.some((o) => typeof o !== 'string')) {
      sink.report({ code: Array.isArray(options) ? 'SCHEMA_VALUE' : 'SCHEMA_TYPE', message: '"in" needs a non-empty list of strings', path: [...path, 'in'] });
      return INVALID;
    }
    return { kind: 'any', of: (options as string[]).map((o) => ({ kind: 'match', value, matcher: { kind: 'exact', value: o } })) };
  }
  const operand = expectString(raw[test], [...path, test], sink);
  if (operand === undefined) return INVALID;
  let matcher: StringMatcher;
  if (test === 'regex') {
    const flags = raw.flags === undefined ? '' : expectString(raw.flags, [...path, 'flags'], sink);
    if (flags === undefined) return INVALID;
    matcher = { kind: 'regex', source: operand, flags };
  } else if (test === 'pattern') {
    matcher = { kind: 'pattern', value: operand.startsWith('_') ? operand : `_${operand}` };
  } else {
    matcher = { kind: test === 'equals' ? 'exact' : test, value: operand };
  }
  sink.matcher(matcher, [...path, test]);
  return { kind: 'match', value, matcher };
}
