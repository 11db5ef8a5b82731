import type { JsonPath } from '../core/json-path';
import type { StringMatcher } from '../ir/types';
import { MATCHER_KINDS } from '../schema/shared-defs';
import { checkKeys, expectString } from './check-keys';
import { isRecord } from '../core/is-record';
import type { CompileSink } from './sink';

const KINDS = Object.keys(MATCHER_KINDS) as (keyof typeof MATCHER_KINDS)[];

/**
 * Normalises a matcher as written (`"1000"`, `"_1XXX"`, `{ prefix: "+1" }`,
 * `{ regex, flags }`) into a StringMatcher, reporting shape problems at `path`.
 * Regexes and patterns are compiled later by the INVALID_REGEX/INVALID_PATTERN rules.
 */
export function normalizeMatcher(raw: unknown, path: JsonPath, sink: CompileSink): StringMatcher | undefined {
  const m = toMatcher(raw, path, sink);
  // Point regex and pattern checks at the expression itself in the map form.
  if (m) sink.matcher(m, isRecord(raw) && m.kind in raw ? [...path, m.kind] : path);
  return m;
}

function toMatcher(raw: unknown, path: JsonPath, sink: CompileSink): StringMatcher | undefined {
  if (typeof raw === 'string') return raw.startsWith('_') ? { kind: 'pattern', value: raw } : { kind: 'exact', value: raw };
  if (!isRecord(raw)) {
    const got = typeof raw === 'number' ? 'a number (quote digit strings such as "1000")' : raw === null ? 'nothing' : `a ${Array.isArray(raw) ? 'list' : typeof raw}`;
    sink.report({ code: 'SCHEMA_TYPE', message: `expected a string or a map such as { prefix: "+1" }, got ${got}`, path });
    return undefined;
  }
  const given = KINDS.filter((k) => k in raw);
  if (!checkKeys(raw, given.includes('regex') || given.length === 0 ? [...KINDS, 'flags'] : KINDS, path, sink)) return undefined;
  if (given.length !== 1) {
    sink.report({
      code: given.length === 0 ? 'SCHEMA_MISSING_PROPERTY' : 'SCHEMA_INVALID',
      message: given.length === 0 ? `a matcher needs one of ${KINDS.join(', ')}` : `give only one of ${given.join(', ')}`,
      path,
    });
    return undefined;
  }
  const kind = given[0];
  const value = expectString(raw[kind], [...path, kind], sink);
  if (value === undefined) return undefined;
  switch (kind) {
    case 'regex': {
      const flags = raw.flags === undefined ? '' : expectString(raw.flags, [...path, 'flags'], sink);
      return flags === undefined ? undefined : { kind: 'regex', source: value, flags };
    }
    case 'pattern':
      // Dialplan patterns start with `_`; accept it written with or without.
      return { kind: 'pattern', value: value.startsWith('_') ? value : `_${value}` };
    default:
      return { kind, value };
  }
}
