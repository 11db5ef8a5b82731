import type { MatchClause, MatchField, RouteIR } from '../ir/types';
import { compilePattern, matcherIsValid } from './matchers';
import { regexLiteralPrefix, regexLiteralSuffix } from './regex-prefix';
import { regexRequiredLiteral } from './regex-required';
import { regexShapes } from './regex-shapes';
import { shapeKeys } from './shape-keys';

/** How the index files a route: under one clause's keys, in the scan list, or nowhere (it can never match). */
export type RouteKey = IndexedKey | ScanKey | { readonly kind: 'never' };

/**
 * A route filed under one clause: any of its exact values, or prefixes or
 * suffixes one of which every match has (one key, or a few spelled out from
 * a leading set or an alternation), or the one length every match has. A
 * prefix key may also carry that length (`^9\d{3}$`: prefix 9, length 4),
 * which the index checks before testing the clause.
 */
export type IndexedKey =
  | { readonly kind: 'exact' | 'suffix'; readonly field: MatchField; readonly values: readonly string[] }
  | { readonly kind: 'prefix'; readonly field: MatchField; readonly values: readonly string[]; readonly length?: number }
  | { readonly kind: 'length'; readonly field: MatchField; readonly length: number };

/** A route checked on every lookup; with `requires`, only when the field's value contains that text. */
export interface ScanKey {
  readonly kind: 'scan';
  readonly requires?: { readonly field: MatchField; readonly text: string };
}

/** A route's key, which clause it comes from, and whether finding the route under it proves that clause. */
export interface KeyChoice {
  readonly key: RouteKey;
  /** Index in `route.match` of the clause the key comes from (-1 for scan and never). */
  readonly clause: number;
  /** True when every value filed under the key satisfies the clause, so verifying may skip it. */
  readonly proves: boolean;
  /** For a pattern or regex clause of one shape, how many of its leading classes every key spells out (verifying may skip them). */
  readonly provenClasses: number;
}

interface Option {
  readonly key: IndexedKey;
  readonly proves: boolean;
  readonly score: number;
  readonly provenClasses?: number;
}

const EXACT_SCORE = 1e9;
const LENGTH_SCORE = 0.5;

/** Picks the clause that narrows candidates most: exact values, then the longest prefixes or suffixes, then a length. */
export function routeKey(route: RouteIR): RouteKey {
  return chooseKey(route).key;
}

/** {@link routeKey}, with the clause it comes from and whether it proves it. */
export function chooseKey(route: RouteIR): KeyChoice {
  let best: Option | undefined;
  let bestClause = -1;
  for (const [i, clause] of route.match.entries()) {
    if (!matcherIsValid(clause.matcher)) return { key: { kind: 'never' }, clause: -1, proves: false, provenClasses: 0 };
    for (const option of clauseOptions(clause)) {
      if (option.score > (best?.score ?? 0)) {
        best = option;
        bestClause = i;
      }
    }
  }
  if (best) return { key: best.key, clause: bestClause, proves: best.proves, provenClasses: best.provenClasses ?? 0 };
  const requires = requiredText(route.match);
  return { key: requires ? { kind: 'scan', requires } : { kind: 'scan' }, clause: -1, proves: false, provenClasses: 0 };
}

/**
 * How selective a set of keys is, in digits: a key of n characters narrows
 * like n digits, and k keys are k times as likely to be hit as one. An empty
 * key narrows nothing.
 */
function keysScore(values: readonly string[]): number {
  let min = Infinity;
  for (const v of values) min = Math.min(min, v.length);
  if (min === 0 || values.length === 0) return 0;
  return Math.max(0.01, min - Math.log10(values.length));
}

function clauseOptions(clause: MatchClause): Option[] {
  const { field, matcher } = clause;
  switch (matcher.kind) {
    case 'exact':
      return [{ key: { kind: 'exact', field, values: [matcher.value] }, proves: true, score: EXACT_SCORE }];
    case 'prefix':
    case 'suffix':
      return [{ key: { kind: matcher.kind, field, values: [matcher.value] }, proves: true, score: matcher.value.length }];
    case 'regex': {
      const shapes = regexShapes(matcher.source, matcher.flags);
      if (shapes) return shapeOptions(field, shapes);
      const prefix = regexLiteralPrefix(matcher.source, matcher.flags);
      const suffix = regexLiteralSuffix(matcher.source, matcher.flags);
      return [
        { key: { kind: 'prefix', field, values: [prefix] }, proves: false, score: prefix.length },
        { key: { kind: 'suffix', field, values: [suffix] }, proves: false, score: suffix.length },
      ];
    }
    case 'pattern': {
      const parsed = compilePattern(matcher.value);
      return parsed.ok ? shapeOptions(field, [parsed.shape]) : [];
    }
  }
}

function shapeOptions(field: MatchField, shapes: Parameters<typeof shapeKeys>[0]): Option[] {
  const keys = shapeKeys(shapes);
  if (keys.exact) {
    // Exactly these strings match: finding the route under one proves the clause.
    return [{ key: { kind: 'exact', field, values: keys.exact }, proves: true, score: EXACT_SCORE - keys.exact.length }];
  }
  // Keys spelled out of one shape's leading classes prove those classes; keys of several shapes prove nothing alone.
  const provenClasses = shapes.length === 1 ? Math.min(...keys.prefixes.map((k) => k.length)) : 0;
  const prefix: IndexedKey = keys.length !== undefined ? { kind: 'prefix', field, values: keys.prefixes, length: keys.length } : { kind: 'prefix', field, values: keys.prefixes };
  const options: Option[] = [{ key: prefix, proves: false, score: keysScore(keys.prefixes), provenClasses }];
  if (keys.length !== undefined) options.push({ key: { kind: 'length', field, length: keys.length }, proves: false, score: LENGTH_SCORE });
  return options;
}

/** The longest text a regex clause proves its field must contain, for routes that stay in the scan list. */
function requiredText(clauses: readonly MatchClause[]): ScanKey['requires'] {
  let best: ScanKey['requires'];
  for (const { field, matcher } of clauses) {
    if (matcher.kind !== 'regex') continue;
    const text = regexRequiredLiteral(matcher.source, matcher.flags);
    if (text.length > (best?.text.length ?? 0)) best = { field, text };
  }
  return best;
}

/** A short human form of a key, for `voxtra route`: `exact extension "1000"`, `prefix number "+336" | "+337"`. */
export function describeRouteKey(key: RouteKey | undefined): string {
  if (!key) return 'scan';
  switch (key.kind) {
    case 'scan':
      return key.requires ? `scan (when ${key.requires.field} contains ${JSON.stringify(key.requires.text)})` : 'scan';
    case 'never':
      return 'never (invalid regex or pattern)';
    case 'length':
      return `length ${key.field} ${key.length}`;
    default: {
      const shown = key.values.slice(0, 4).map((v) => JSON.stringify(v)).join(' | ');
      const more = key.values.length > 4 ? ` (${key.values.length} keys)` : '';
      const length = key.kind === 'prefix' && key.length !== undefined ? `, length ${key.length}` : '';
      return `${key.kind} ${key.field} ${shown}${more}${length}`;
    }
  }
}
