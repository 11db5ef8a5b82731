import type { AppSnapshot, MatchClause, MatchField, RouteIR } from '../ir/types';
import { factValue, fieldKey, type CallFacts } from './facts';
import { routeMatches, sortRoutes, type WhenEvaluator } from './linear-scan';
import { compilePattern, matcherIsValid } from './matchers';
import { regexLiteralPrefix } from './regex-prefix';
import { CharTrie } from './trie';

/** How the index files a route: by one clause (its key), or in the scan list. */
export type RouteKey = IndexedKey | { readonly kind: 'scan' } | { readonly kind: 'never' };

/** A route filed under one clause's exact value, prefix or suffix. */
export interface IndexedKey {
  readonly kind: 'exact' | 'prefix' | 'suffix';
  readonly field: MatchField;
  readonly value: string;
}

/** Counts of routes per kind of index, for `voxtra route` and the bench. */
export interface RouteIndexStats {
  readonly routes: number;
  readonly exact: number;
  readonly prefix: number;
  readonly suffix: number;
  readonly scanned: number;
  /** Routes with a regex or pattern that does not compile: they can never match. */
  readonly never: number;
}

/**
 * Static routes indexed for lookups that stay flat as routes grow. Immutable
 * once built; safe to share between concurrent calls.
 */
export interface RouteIndex {
  /** The routes in resolution order (priority desc, definition order asc). */
  readonly routes: readonly RouteIR[];
  readonly stats: RouteIndexStats;
  /**
   * The route a call takes: exactly what {@link scanRoutes} over `routes`
   * returns, with `evalWhen` called for the same routes in the same order.
   */
  lookup(facts: CallFacts, evalWhen: WhenEvaluator): RouteIR | undefined;
  /** The routes a lookup would verify for these facts, in resolution order. */
  candidates(facts: CallFacts): RouteIR[];
  /** How the index filed one of its routes (undefined for a route it does not hold). */
  keyOf(route: RouteIR): RouteKey | undefined;
}

interface FieldIndex {
  readonly field: MatchField;
  readonly exact: Map<string, number[]>;
  readonly prefix: CharTrie<number>;
  readonly suffix: CharTrie<number>;
}

/** Picks the clause that narrows candidates most: exact, then the longest prefix or suffix. */
export function routeKey(route: RouteIR): RouteKey {
  let best: RouteKey = { kind: 'scan' };
  let bestScore = 0;
  for (const clause of route.match) {
    if (!matcherIsValid(clause.matcher)) return { kind: 'never' };
    const key = clauseKey(clause);
    if (!key) continue;
    const score = key.kind === 'exact' ? Number.MAX_SAFE_INTEGER : key.value.length;
    if (score > bestScore) {
      best = key;
      bestScore = score;
    }
  }
  return best;
}

function clauseKey(clause: MatchClause): IndexedKey | undefined {
  const { field, matcher } = clause;
  switch (matcher.kind) {
    case 'exact':
    case 'prefix':
    case 'suffix':
      return { kind: matcher.kind, field, value: matcher.value };
    case 'regex': {
      const prefix = regexLiteralPrefix(matcher.source, matcher.flags);
      return prefix ? { kind: 'prefix', field, value: prefix } : undefined;
    }
    case 'pattern': {
      const parsed = compilePattern(matcher.value);
      if (!parsed.ok || !parsed.literalPrefix) return undefined;
      const literalOnly = parsed.shape.tail === 'end' && parsed.literalPrefix.length === parsed.shape.classes.length;
      return { kind: literalOnly ? 'exact' : 'prefix', field, value: parsed.literalPrefix };
    }
  }
}

/**
 * Builds the index: exact values hashed per field, prefixes (and the literal
 * prefixes of patterns and anchored regexes) in a trie, suffixes in a
 * reversed trie; routes with no such clause are scanned. Pure.
 */
export function buildRouteIndex(routes: readonly RouteIR[]): RouteIndex {
  const sorted = Object.freeze(sortRoutes(routes));
  const fields = new Map<string, FieldIndex>();
  const keys = new Map<RouteIR, RouteKey>();
  const scan: number[] = [];
  const counts = { exact: 0, prefix: 0, suffix: 0, scanned: 0, never: 0 };

  sorted.forEach((route, rank) => {
    const key = routeKey(route);
    keys.set(route, key);
    if (key.kind === 'never') {
      counts.never++;
      return;
    }
    if (key.kind === 'scan') {
      counts.scanned++;
      scan.push(rank);
      return;
    }
    const id = fieldKey(key.field);
    let index = fields.get(id);
    if (!index) {
      index = { field: key.field, exact: new Map(), prefix: new CharTrie(), suffix: new CharTrie(true) };
      fields.set(id, index);
    }
    counts[key.kind]++;
    if (key.kind === 'exact') {
      const bucket = index.exact.get(key.value);
      if (bucket) bucket.push(rank);
      else index.exact.set(key.value, [rank]);
    } else {
      index[key.kind].insert(key.value, rank);
    }
  });

  const fieldIndexes = [...fields.values()];

  const collect = (facts: CallFacts): number[] => {
    const out: number[] = [];
    for (const index of fieldIndexes) {
      const value = factValue(facts, index.field);
      if (value === undefined) continue;
      if (typeof value === 'string') probe(index, value, out);
      else for (const v of value) probe(index, v, out);
    }
    if (out.length > 1) out.sort(ascending);
    return out;
  };

  // Walks the indexed candidates and the scan list together, in rank order, so
  // the first route that verifies is the one a linear scan would return.
  const walk = (facts: CallFacts, visit: (rank: number) => boolean): void => {
    const cands = collect(facts);
    let i = 0;
    let j = 0;
    let last = -1;
    while (i < cands.length || j < scan.length) {
      const rank = j >= scan.length || (i < cands.length && cands[i] < scan[j]) ? cands[i++] : scan[j++];
      if (rank === last) continue;
      last = rank;
      if (visit(rank)) return;
    }
  };

  const index: RouteIndex = {
    routes: sorted,
    stats: Object.freeze({ routes: sorted.length, ...counts }),
    lookup(facts, evalWhen) {
      let found: RouteIR | undefined;
      walk(facts, (rank) => {
        const route = sorted[rank];
        if (!routeMatches(route, facts, evalWhen)) return false;
        found = route;
        return true;
      });
      return found;
    },
    candidates(facts) {
      const out: RouteIR[] = [];
      walk(facts, (rank) => {
        out.push(sorted[rank]);
        return false;
      });
      return out;
    },
    keyOf(route) {
      return keys.get(route);
    },
  };
  return Object.freeze(index);
}

function probe(index: FieldIndex, value: string, out: number[]): void {
  const bucket = index.exact.get(value);
  if (bucket) for (let k = 0; k < bucket.length; k++) out.push(bucket[k]);
  index.prefix.collect(value, out);
  index.suffix.collect(value, out);
}

function ascending(a: number, b: number): number {
  return a - b;
}

const bySnapshot = new WeakMap<AppSnapshot, RouteIndex>();

/** The index of a snapshot's routes, built once per snapshot. */
export function getRouteIndex(snapshot: AppSnapshot): RouteIndex {
  let index = bySnapshot.get(snapshot);
  if (!index) {
    index = buildRouteIndex(snapshot.routes);
    bySnapshot.set(snapshot, index);
  }
  return index;
}
