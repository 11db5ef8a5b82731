import type { AppSnapshot, ConditionIR, MatchField, RouteIR } from '../ir/types';
import { compileClause, type ClauseTest } from './clause-match';
import { factValue, fieldKey, type CallFacts } from './facts';
import { sortRoutes, type WhenEvaluator } from './linear-scan';
import { keyProvesMatch, routeKey, type RouteKey } from './route-key';

export type { RouteKey, IndexedKey } from './route-key';
export { routeKey } from './route-key';
import { CharTrieBuilder, type CharTrie } from './trie';

/** Counts of routes per kind of index, for `voxtra route` and the bench. */
export interface RouteIndexStats {
  readonly routes: number;
  readonly exact: number;
  readonly prefix: number;
  readonly suffix: number;
  /** Fixed-length patterns with no literal prefix (`_NXXNXXXXXX`), bucketed by length. */
  readonly length: number;
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
  /** A route's position in `routes` (resolution order), or -1 for a route the index does not hold. */
  rankOf(route: RouteIR): number;
  /** How the index filed one of its routes (undefined for a route it does not hold). */
  keyOf(route: RouteIR): RouteKey | undefined;
}

interface FieldIndex {
  readonly read: (facts: CallFacts) => string | readonly string[] | undefined;
  readonly exact: Map<string, number[]>;
  readonly prefix: CharTrie;
  readonly suffix: CharTrie;
  readonly byLength: Map<number, number[]>;
}

interface FieldIndexBuilder {
  readonly field: MatchField;
  readonly exact: Map<string, number[]>;
  readonly byLength: Map<number, number[]>;
  readonly prefix: CharTrieBuilder;
  readonly suffix: CharTrieBuilder;
}

/**
 * Builds the index: exact values hashed per field, prefixes (and the literal
 * prefixes of patterns and anchored regexes) in a trie, suffixes in a
 * reversed trie; routes with no such clause are scanned. Pure.
 */
export function buildRouteIndex(routes: readonly RouteIR[]): RouteIndex {
  const sorted = Object.freeze(sortRoutes(routes));
  const fields = new Map<string, FieldIndexBuilder>();
  const keys = new Map<RouteIR, RouteKey>();
  const ranks = new Map<RouteIR, number>();
  const tests: ClauseTest[][] = sorted.map((route) => route.match.map(compileClause));
  // Per route: the key alone proves the clauses match (skip them), and whether a `when` must be asked.
  // A dense byte array keeps the common path away from the route objects' memory.
  const flags = new Uint8Array(sorted.length);
  const scan: number[] = [];
  const counts = { exact: 0, prefix: 0, suffix: 0, length: 0, scanned: 0, never: 0 };

  sorted.forEach((route, rank) => {
    const key = routeKey(route);
    keys.set(route, key);
    ranks.set(route, rank);
    flags[rank] = (keyProvesMatch(route, key) ? KEY_PROVES_MATCH : 0) | (route.when !== undefined ? HAS_WHEN : 0);
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
      index = { field: key.field, exact: new Map(), byLength: new Map(), prefix: new CharTrieBuilder(), suffix: new CharTrieBuilder(true) };
      fields.set(id, index);
    }
    counts[key.kind]++;
    if (key.kind === 'exact') addTo(index.exact, key.value, rank);
    else if (key.kind === 'length') addTo(index.byLength, key.length, rank);
    else index[key.kind].insert(key.value, rank);
  });

  const fieldIndexes: FieldIndex[] = [...fields.values()].map((b) => ({
    read: reader(b.field),
    exact: b.exact,
    byLength: b.byLength,
    prefix: b.prefix.build(),
    suffix: b.suffix.build(),
  }));

  const collect = (facts: CallFacts, out: number[]): number[] => {
    for (const index of fieldIndexes) {
      const value = index.read(facts);
      if (value === undefined) continue;
      if (typeof value === 'string') probe(index, value, out);
      else for (const v of value) probe(index, v, out);
    }
    sortRanks(out);
    return out;
  };



  const verify = (rank: number, facts: CallFacts, evalWhen: WhenEvaluator): boolean => {
    const f = flags[rank];
    if ((f & KEY_PROVES_MATCH) === 0) {
      const clauseTests = tests[rank];
      for (let k = 0; k < clauseTests.length; k++) if (!clauseTests[k](facts)) return false;
    }
    return (f & HAS_WHEN) === 0 || evalWhen(sorted[rank].when as ConditionIR);
  };

  const index: RouteIndex = {
    routes: sorted,
    stats: Object.freeze({ routes: sorted.length, ...counts }),
    // Walks the indexed candidates and the scan list together, in rank order, so
    // the first route that verifies is the one a linear scan would return.
    lookup(facts, evalWhen) {
      const cands = collect(facts, []);
      let i = 0;
      let j = 0;
      let last = -1;
      while (i < cands.length || j < scan.length) {
        const rank = j >= scan.length || (i < cands.length && cands[i] < scan[j]) ? cands[i++] : scan[j++];
        if (rank === last) continue;
        last = rank;
        if (verify(rank, facts, evalWhen)) return sorted[rank];
      }
      return undefined;
    },
    candidates(facts) {
      const ranks = new Set([...collect(facts, []), ...scan]);
      return [...ranks].sort(ascending).map((rank) => sorted[rank]);
    },
    rankOf(route) {
      return ranks.get(route) ?? -1;
    },
    keyOf(route) {
      return keys.get(route);
    },
  };
  return Object.freeze(index);
}

function reader(field: MatchField): FieldIndex['read'] {
  switch (field) {
    case 'extension':
      return (facts) => facts.extension;
    case 'number':
      return (facts) => facts.number;
    default:
      return (facts) => factValue(facts, field);
  }
}

function addTo<K>(map: Map<K, number[]>, key: K, rank: number): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(rank);
  else map.set(key, [rank]);
}

function probe(index: FieldIndex, value: string, out: number[]): void {
  const bucket = index.exact.get(value);
  if (bucket) for (let k = 0; k < bucket.length; k++) out.push(bucket[k]);
  if (index.byLength.size > 0) {
    const sameLength = index.byLength.get(value.length);
    if (sameLength) for (let k = 0; k < sameLength.length; k++) out.push(sameLength[k]);
  }
  index.prefix.collect(value, out);
  index.suffix.collect(value, out);
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Sorts ranks ascending; candidate lists are short, where insertion sort beats a comparator sort. */
function sortRanks(ranks: number[]): void {
  const n = ranks.length;
  if (n > 32) {
    ranks.sort(ascending);
    return;
  }
  for (let i = 1; i < n; i++) {
    const r = ranks[i];
    let j = i - 1;
    while (j >= 0 && ranks[j] > r) {
      ranks[j + 1] = ranks[j];
      j--;
    }
    ranks[j + 1] = r;
  }
}

const KEY_PROVES_MATCH = 1;
const HAS_WHEN = 2;

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
