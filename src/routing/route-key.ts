import type { MatchClause, MatchField, RouteIR } from '../ir/types';
import { compilePattern, matcherIsValid } from './matchers';
import { regexLiteralPrefix, regexLiteralSuffix } from './regex-prefix';

/** How the index files a route: by one clause (its key), or in the scan list. */
export type RouteKey = IndexedKey | { readonly kind: 'scan' } | { readonly kind: 'never' };

/** A route filed under one clause: its exact value, a prefix or suffix every match has, or the one length every match has. */
export type IndexedKey =
  | { readonly kind: 'exact' | 'prefix' | 'suffix'; readonly field: MatchField; readonly value: string }
  | { readonly kind: 'length'; readonly field: MatchField; readonly length: number };

/** Picks the clause that narrows candidates most: exact, then the longest prefix or suffix, then a length. */
export function routeKey(route: RouteIR): RouteKey {
  let best: RouteKey = { kind: 'scan' };
  let bestScore = 0;
  for (const clause of route.match) {
    if (!matcherIsValid(clause.matcher)) return { kind: 'never' };
    for (const key of clauseKeys(clause)) {
      const score = keyScore(key);
      if (score > bestScore) {
        best = key;
        bestScore = score;
      }
    }
  }
  return best;
}

function keyScore(key: IndexedKey): number {
  if (key.kind === 'exact') return Number.MAX_SAFE_INTEGER;
  // Any literal narrows more than a length alone; an empty literal narrows nothing.
  return key.kind === 'length' ? 0.5 : key.value.length;
}

function clauseKeys(clause: MatchClause): IndexedKey[] {
  const { field, matcher } = clause;
  switch (matcher.kind) {
    case 'exact':
    case 'prefix':
    case 'suffix':
      return [{ kind: matcher.kind, field, value: matcher.value }];
    case 'regex':
      return [
        { kind: 'prefix', field, value: regexLiteralPrefix(matcher.source, matcher.flags) },
        { kind: 'suffix', field, value: regexLiteralSuffix(matcher.source, matcher.flags) },
      ];
    case 'pattern': {
      const parsed = compilePattern(matcher.value);
      if (!parsed.ok) return [];
      const { shape, literalPrefix } = parsed;
      if (shape.tail === 'end' && literalPrefix.length === shape.classes.length) return [{ kind: 'exact', field, value: literalPrefix }];
      const keys: IndexedKey[] = [{ kind: 'prefix', field, value: literalPrefix }];
      if (shape.tail === 'end') keys.push({ kind: 'length', field, length: shape.classes.length });
      return keys;
    }
  }
}

/**
 * True when finding the route under its key already proves its only clause:
 * an exact, prefix or suffix matcher filed as such (patterns and regexes
 * filed by a literal prefix still need their own test).
 */
export function keyProvesMatch(route: RouteIR, key: RouteKey): boolean {
  if (key.kind !== 'exact' && key.kind !== 'prefix' && key.kind !== 'suffix') return false;
  if (route.match.length !== 1) return false;
  const m = route.match[0].matcher;
  return m.kind === key.kind && m.value === key.value;
}
