import type { MatchClause, StringMatcher } from '../ir/types';
import { literalShape, normalizeRanges, type CharRange, type SimplePattern } from './asterisk-pattern';
import { fieldKey } from './facts';
import { compilePattern, matcherIsValid, matchString } from './matchers';

/**
 * True when every call that `later` matches is also matched by `earlier`
 * (so a route with `later` placed after one with `earlier` can never win).
 * Conservative: false whenever inclusion cannot be proven, e.g. two
 * different regexes, or an invalid regex or pattern. `when` conditions are
 * not clauses; callers must treat a route with one as narrower.
 */
export function matchesSubsume(earlier: readonly MatchClause[], later: readonly MatchClause[]): boolean {
  return earlier.every((e) => {
    const key = fieldKey(e.field);
    return later.some((l) => fieldKey(l.field) === key && matcherSubsumes(e.matcher, l.matcher));
  });
}

/** True when both clause lists provably match exactly the same calls. */
export function sameMatch(a: readonly MatchClause[], b: readonly MatchClause[]): boolean {
  return matchesSubsume(a, b) && matchesSubsume(b, a);
}

/** True when every string `inner` matches is also matched by `outer`. */
export function matcherSubsumes(outer: StringMatcher, inner: StringMatcher): boolean {
  if (!matcherIsValid(outer) || !matcherIsValid(inner)) return false;
  if (inner.kind === 'exact') return matchString(outer, inner.value);
  if (matchesEverything(outer)) return true;
  if (inner.kind === 'regex' || outer.kind === 'regex') {
    return inner.kind === 'regex' && outer.kind === 'regex' && inner.source === outer.source && sameFlags(inner.flags, outer.flags);
  }
  if (inner.kind === 'suffix') {
    if (outer.kind === 'suffix') return inner.value.endsWith(outer.value);
    const b = shapeOf(outer);
    // Only a shape with no fixed positions accepts arbitrary leading text.
    return b.classes.length === 0 && (b.tail === 'zero_or_more' || (b.tail === 'one_or_more' && inner.value.length > 0));
  }
  const a = shapeOf(inner);
  if (outer.kind === 'suffix') return shapeEndsWith(a, outer.value);
  return shapeSubsumes(shapeOf(outer), a);
}

function matchesEverything(m: StringMatcher): boolean {
  if (m.kind === 'prefix' || m.kind === 'suffix') return m.value === '';
  if (m.kind === 'pattern') {
    const s = shapeOf(m);
    return s.classes.length === 0 && s.tail === 'zero_or_more';
  }
  return false;
}

function sameFlags(a: string, b: string): boolean {
  const norm = (f: string): string => [...f.replace(/[gy]/g, '')].sort().join('');
  return norm(a) === norm(b);
}

function shapeOf(m: Exclude<StringMatcher, { kind: 'regex' } | { kind: 'suffix' }>): SimplePattern {
  if (m.kind === 'exact') return literalShape(m.value, 'end');
  if (m.kind === 'prefix') return literalShape(m.value, 'zero_or_more');
  const parsed = compilePattern(m.value);
  if (!parsed.ok) throw new Error('unreachable: invalid patterns are filtered first');
  return parsed.shape;
}

/** L(a) ⊆ L(b) for two shapes (classes then a tail). */
function shapeSubsumes(b: SimplePattern, a: SimplePattern): boolean {
  const n = a.classes.length;
  const m = b.classes.length;
  // Past a's fixed positions any character may follow, which no finite class of b accepts.
  if (m > n) return false;
  for (let i = 0; i < m; i++) if (!classWithin(a.classes[i], b.classes[i])) return false;
  switch (b.tail) {
    case 'end':
      return n === m && a.tail === 'end';
    case 'zero_or_more':
      return true;
    case 'one_or_more':
      return n > m || a.tail === 'one_or_more';
  }
}

/** True when every string of the shape ends with `suffix`. */
function shapeEndsWith(a: SimplePattern, suffix: string): boolean {
  if (suffix === '') return true;
  if (a.tail !== 'end' || a.classes.length < suffix.length) return false;
  const offset = a.classes.length - suffix.length;
  for (let k = 0; k < suffix.length; k++) {
    const code = suffix.charCodeAt(k);
    if (!classWithin(a.classes[offset + k], [[code, code]])) return false;
  }
  return true;
}

function classWithin(inner: readonly CharRange[], outer: readonly CharRange[]): boolean {
  const merged = normalizeRanges(outer);
  return inner.every(([lo, hi]) => merged.some(([olo, ohi]) => olo <= lo && hi <= ohi));
}
