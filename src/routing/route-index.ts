import type { AppSnapshot, ConditionIR, MatchField, RouteIR } from '../ir/types';
import { CheckProgramBuilder } from './check-program';
import { fieldCode, readField } from './field-read';
import { fieldKey, type CallFacts } from './facts';
import { sortRoutes, type WhenEvaluator } from './linear-scan';
import { RankBuffer } from './rank-buffer';
import { chooseKey, type RouteKey } from './route-key';
import { buildStringTable, type StringTable } from './string-table';
import { CharTrieBuilder, type CharTrie } from './trie';

export type { RouteKey, IndexedKey, ScanKey } from './route-key';
export { routeKey, describeRouteKey } from './route-key';

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

const EXACT = 0;
const PREFIX = 1;
const SUFFIX = 2;
const LENGTH = 3;
/** The scan list, probed in its turn like the others. */
const SCAN = 4;

/**
 * One structure of one field: an exact-value table, a prefix or suffix trie,
 * or length buckets. `minRank` is the best rank it holds: once a lookup has a
 * route that takes the call at a better rank, the probe cannot matter.
 */
class Probe {
  constructor(
    readonly kind: number,
    /** The field's slot among the fields the index reads. */
    readonly slot: number,
    readonly minRank: number,
    readonly table: StringTable | null,
    readonly trie: CharTrie | null,
    /** Ranks by the one length every match has. */
    readonly byLength: readonly (Int32Array | undefined)[] | null,
  ) {}
}

class FieldIndexBuilder {
  readonly exact = new Map<string, number[]>();
  readonly byLength = new Map<number, number[]>();
  readonly prefix = new CharTrieBuilder();
  readonly suffix = new CharTrieBuilder(true);
  readonly minRank = [Infinity, Infinity, Infinity, Infinity];

  constructor(readonly slot: number) {}

  add(kind: number, rank: number): void {
    this.minRank[kind] = Math.min(this.minRank[kind], rank);
  }

  probes(): Probe[] {
    const out: Probe[] = [];
    if (this.exact.size > 0) out.push(new Probe(EXACT, this.slot, this.minRank[EXACT], buildStringTable(this.exact), null, null));
    if (!this.prefix.isEmpty) out.push(new Probe(PREFIX, this.slot, this.minRank[PREFIX], null, this.prefix.build(), null));
    if (!this.suffix.isEmpty) out.push(new Probe(SUFFIX, this.slot, this.minRank[SUFFIX], null, this.suffix.build(), null));
    if (this.byLength.size > 0) {
      const byLength = new Array<Int32Array | undefined>(Math.max(...this.byLength.keys()) + 1).fill(undefined);
      for (const [length, ranks] of this.byLength) byLength[length] = Int32Array.from(ranks);
      out.push(new Probe(LENGTH, this.slot, this.minRank[LENGTH], null, null, byLength));
    }
    return out;
  }
}

const PROVEN = 1;
const HAS_WHEN = 2;

type FieldValue = string | readonly string[] | undefined;

/**
 * Builds the index: exact values hashed per field, prefixes (and the literal
 * prefixes of patterns and anchored regexes, small leading sets spelled out)
 * in a trie, suffixes in a reversed trie, fixed lengths in buckets; routes
 * with no such clause are scanned, behind a required-text test when one is
 * known. Pure.
 */
export function buildRouteIndex(routes: readonly RouteIR[]): RouteIndex {
  const sorted = Object.freeze(sortRoutes(routes));
  const count = sorted.length;
  const keys = new Map<RouteIR, RouteKey>();
  const ranks = new Map<RouteIR, number>();
  // The fields the index reads, each once per lookup.
  const slotIds = new Map<string, number>();
  const slotFields: MatchField[] = [];
  const slotOf = (field: MatchField): number => {
    const id = fieldKey(field);
    let slot = slotIds.get(id);
    if (slot === undefined) {
      slot = slotFields.push(field) - 1;
      slotIds.set(id, slot);
    }
    return slot;
  };
  const builders = new Map<number, FieldIndexBuilder>();
  // Per rank, in dense arrays so the common path stays away from the route objects:
  // whether the key proves every clause and whether a `when` must be asked,
  // and where the clauses left to test start in the check program.
  const flags = new Uint8Array(count);
  const checkStart = new Int32Array(count + 1);
  const program = new CheckProgramBuilder();
  const scanRanks: number[] = [];
  const scanTexts: (string | null)[] = [];
  const scanSlots: number[] = [];
  const counts = { exact: 0, prefix: 0, suffix: 0, length: 0, scanned: 0, never: 0 };

  sorted.forEach((route, rank) => {
    const { key, clause: keyClause, proves, provenClasses } = chooseKey(route);
    keys.set(route, key);
    ranks.set(route, rank);
    // The key's clause needs no test when the key proves it, and not its leading classes when the key spells them
    // out (but `args` has several values: the one that hit the key may not be the one that passes the rest).
    const rest = route.match.flatMap((clause, i) =>
      proves && i === keyClause ? [] : [{ clause, skip: i === keyClause && clause.field !== 'args' ? provenClasses : 0 }],
    );
    checkStart[rank] = program.add(rest);
    flags[rank] = (rest.length === 0 ? PROVEN : 0) | (route.when !== undefined ? HAS_WHEN : 0);
    if (key.kind === 'never') {
      counts.never++;
      return;
    }
    if (key.kind === 'scan') {
      counts.scanned++;
      scanRanks.push(rank);
      scanTexts.push(key.requires?.text ?? null);
      scanSlots.push(key.requires ? slotOf(key.requires.field) : -1);
      return;
    }
    const slot = slotOf(key.field);
    let b = builders.get(slot);
    if (!b) {
      b = new FieldIndexBuilder(slot);
      builders.set(slot, b);
    }
    counts[key.kind]++;
    if (key.kind === 'length') {
      addTo(b.byLength, key.length, rank);
      b.add(LENGTH, rank);
    } else if (key.kind === 'exact') {
      for (const v of key.values) addTo(b.exact, v, rank);
      b.add(EXACT, rank);
    } else {
      for (const v of key.values) b[key.kind].insert(v, rank, key.kind === 'prefix' ? key.length : undefined);
      b.add(key.kind === 'prefix' ? PREFIX : SUFFIX, rank);
    }
  });

  checkStart[count] = program.end;
  const checks = program.build();

  const scanRank = Int32Array.from(scanRanks);
  const scanCount = scanRank.length;
  // Probed best rank first, so a lookup can stop as soon as it has a route no later probe can beat.
  const probes: readonly Probe[] = [...builders.values()]
    .flatMap((b) => b.probes())
    .concat(scanCount > 0 ? [new Probe(SCAN, -1, scanRank[0], null, null, null)] : [])
    .sort((a, b) => a.minRank - b.minRank);
  const slotCodes = Int8Array.from(slotFields, fieldCode);
  const scratch = new RankBuffer();
  const valueScratch: FieldValue[] = slotFields.map(() => undefined);
  let depth = 0;

  const readValues = (facts: CallFacts, values: FieldValue[]): void => {
    for (let s = 0; s < slotFields.length; s++) values[s] = readField(slotCodes[s], slotFields[s], facts);
  };

  // Scanned routes before `bound` whose required text (if any) the call has.
  const collectScan = (values: readonly FieldValue[], out: RankBuffer, bound: number): void => {
    for (let s = 0; s < scanCount; s++) {
      const rank = scanRank[s];
      if (rank >= bound) return;
      const text = scanTexts[s];
      if (text === null || contains(values[scanSlots[s]], text)) out.push(rank);
    }
  };

  /** Every candidate, unpruned, in rank order without repeats. */
  const collectAll = (facts: CallFacts): number[] => {
    const values = slotFields.map(() => undefined as FieldValue);
    readValues(facts, values);
    const buf = new RankBuffer();
    for (const probe of probes) {
      if (probe.kind === SCAN) collectScan(values, buf, count);
      else collectProbe(probe, values[probe.slot], buf, count);
    }
    buf.sort();
    const out: number[] = [];
    for (let i = 0; i < buf.length; i++) if (i === 0 || buf.data[i] !== buf.data[i - 1]) out.push(buf.data[i]);
    return out;
  };

  const index: RouteIndex = {
    routes: sorted,
    stats: Object.freeze({ routes: count, ...counts }),
    // Branch and bound by rank. `bound` is the best-ranked route found so far
    // that takes the call without a `when` (clause tests are pure, so testing
    // candidates out of order changes nothing); probes and scanned routes that
    // cannot beat it are skipped. Candidates with a `when` that rank before it
    // are kept, and their conditions asked last, in rank order: the same
    // routes, in the same order, a linear scan would ask.
    lookup(facts, evalWhen) {
      // A `when` evaluator that routes a call through this index again gets its own buffers.
      const nested = depth > 0;
      const buf = nested ? new RankBuffer() : scratch;
      const values = nested ? slotFields.map(() => undefined as FieldValue) : valueScratch;
      buf.length = 0;
      readValues(facts, values);
      let bound = count;
      for (let p = 0; p < probes.length; p++) {
        const probe = probes[p];
        if (probe.minRank >= bound) break;
        const start = buf.length;
        if (probe.kind === SCAN) collectScan(values, buf, bound);
        else collectProbe(probe, values[probe.slot], buf, bound);
        // Screen what the probe found: drop what ranks at or after the bound or fails a clause, keep what has
        // a `when`, and lower the bound to the best rank that takes the call outright.
        const data = buf.data;
        let keep = start;
        for (let k = start; k < buf.length; k++) {
          const rank = data[k];
          if (rank >= bound) continue;
          const f = flags[rank];
          if ((f & PROVEN) === 0 && !checks.run(checkStart[rank], checkStart[rank + 1], facts)) continue;
          if ((f & HAS_WHEN) !== 0) data[keep++] = rank;
          else bound = rank;
        }
        buf.length = keep;
      }
      if (buf.length > 0) {
        depth++;
        try {
          buf.sort();
          const data = buf.data;
          let last = -1;
          for (let i = 0; i < buf.length; i++) {
            const rank = data[i];
            if (rank >= bound) break;
            if (rank === last) continue;
            last = rank;
            if (evalWhen(sorted[rank].when as ConditionIR)) return sorted[rank];
          }
        } finally {
          depth--;
        }
      }
      return bound < count ? sorted[bound] : undefined;
    },
    candidates(facts) {
      return collectAll(facts).map((rank) => sorted[rank]);
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

/** Appends the probe's candidates for a field value; tries skip subtrees with nothing before `bound`. */
function collectProbe(probe: Probe, value: FieldValue, out: RankBuffer, bound: number): void {
  if (value === undefined) return;
  if (typeof value === 'string') probeValue(probe, value, out, bound);
  else for (let k = 0; k < value.length; k++) probeValue(probe, value[k], out, bound);
}

function probeValue(probe: Probe, value: string, out: RankBuffer, bound: number): void {
  switch (probe.kind) {
    case EXACT:
      (probe.table as StringTable).collect(value, out);
      return;
    case LENGTH: {
      const byLength = probe.byLength as readonly (Int32Array | undefined)[];
      const bucket = value.length < byLength.length ? byLength[value.length] : undefined;
      if (bucket !== undefined) out.pushAll(bucket);
      return;
    }
    default:
      (probe.trie as CharTrie).collect(value, out, bound);
  }
}

function contains(value: FieldValue, text: string): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.includes(text);
  for (let k = 0; k < value.length; k++) if (value[k].includes(text)) return true;
  return false;
}

function addTo<K>(map: Map<K, number[]>, key: K, rank: number): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(rank);
  else map.set(key, [rank]);
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
