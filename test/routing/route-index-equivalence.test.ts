import type { ConditionIR, MatchClause, MatchField, RouteIR, StringMatcher } from '../../src/ir/types';
import { callFacts, type CallFacts } from '../../src/routing/facts';
import { scanRoutes, sortRoutes } from '../../src/routing/linear-scan';
import { buildRouteIndex, type RouteIndex } from '../../src/routing/route-index';
import { prng } from './prng';
import { randomRegex } from './regex-gen';
import { clause, exact, pattern, prefix, regex, routes, suffix } from './route-builders';

const FIELDS: MatchField[] = ['extension', 'extension', 'number', 'number', 'caller_name', 'args', 'var.TIER', 'header.X-Tier'];
const ALPHABET = ['0', '1', '2', '9', '+'];
const REGEXES: [string, string][] = [
  ['^1', ''],
  ['^\\+1(2|9)', ''],
  ['^10|^2', ''],
  ['0$', ''],
  ['^1{2}', ''],
  ['^1?2', ''],
  ['^\\+?9', ''],
  ['^[12]+$', ''],
  ['^A', 'i'],
  ['^1', 'm'],
  ['\\+?9$', ''],
  ['(1|2)0$', ''],
  ['[12]2$', ''],
  ['1|9$', ''],
  ['1\\d$', ''],
  ['^\\d1', ''],
  ['(', ''], // does not compile: never matches
];

type Rnd = ReturnType<typeof prng>;

/** Calls whose fields are words of the generator's alphabet, for every field a route can match on. */
function randomCalls(rnd: Rnd, word: (min: number, max: number) => string, count: number): CallFacts[] {
  return Array.from({ length: count }, () =>
    callFacts({
      extension: word(0, 5),
      number: word(0, 5),
      callerName: rnd.chance(0.5) ? word(0, 3) : 'a',
      args: Array.from({ length: rnd.int(3) }, () => word(1, 3)),
      vars: rnd.chance(0.6) ? { TIER: word(1, 3) } : {},
      headers: rnd.chance(0.6) ? { [rnd.pick(['X-Tier', 'x-tier', 'X-TIER'])]: word(1, 3) } : {},
    }),
  );
}

const conditionName = (c: ConditionIR): string => (c.kind === 'expr' ? c.source : '?');

/**
 * Looks every call up in the index and in the linear scan, with when-conditions
 * that hold by seed and call, and throws on the first call where they choose
 * different routes or ask different conditions. `check` adds per-call checks.
 */
function agreeWithScan(
  seed: number,
  set: RouteIR[],
  calls: CallFacts[],
  check?: (index: RouteIndex, facts: CallFacts, winner: RouteIR | undefined, i: number) => void,
): { hits: number; lookups: number; index: RouteIndex; sorted: RouteIR[] } {
  const sorted = sortRoutes(set);
  const index = buildRouteIndex(set);
  let hits = 0;
  for (const [i, facts] of calls.entries()) {
    const truth = new Set([`cond${(seed + i) % 4}`, `cond${(seed * i) % 4}`]);
    const askedByScan: string[] = [];
    const askedByIndex: string[] = [];
    const expected = scanRoutes(sorted, facts, (c) => (askedByScan.push(conditionName(c)), truth.has(conditionName(c))));
    const actual = index.lookup(facts, (c) => (askedByIndex.push(conditionName(c)), truth.has(conditionName(c))));
    if (actual !== expected) {
      throw new Error(`seed ${seed}, call ${i} ${JSON.stringify(facts)}: index chose ${actual?.name}, scan chose ${expected?.name}`);
    }
    if (askedByIndex.join() !== askedByScan.join()) {
      throw new Error(`seed ${seed}, call ${i}: index asked [${askedByIndex.join()}], scan asked [${askedByScan.join()}]`);
    }
    check?.(index, facts, expected, i);
    if (expected) hits++;
  }
  return { hits, lookups: calls.length, index, sorted };
}

function generate(seed: number): { routes: RouteIR[]; calls: CallFacts[] } {
  const rnd = prng(seed);
  const word = (min: number, max: number): string =>
    Array.from({ length: min + rnd.int(max - min + 1) }, () => rnd.pick(ALPHABET)).join('');
  const matcher = (): StringMatcher => {
    const roll = rnd.int(100);
    if (roll < 40) return exact(word(1, 4));
    if (roll < 60) return prefix(word(0, 3));
    if (roll < 70) return suffix(word(0, 2));
    if (roll < 82) {
      const [source, flags] = rnd.pick(REGEXES);
      return regex(source, flags);
    }
    const parts = ['1', '2', '+', 'X', 'Z', 'N', '[09]', '-'];
    const body = Array.from({ length: 1 + rnd.int(4) }, () => rnd.pick(parts)).join('');
    return pattern(`_${body}${rnd.pick(['', '', '.', '!'])}`);
  };
  const count = 1 + rnd.int(60);
  const inits = Array.from({ length: count }, () => {
    const match: MatchClause[] = Array.from({ length: rnd.chance(0.03) ? 0 : 1 + rnd.int(3) }, () =>
      clause(rnd.pick(FIELDS), matcher()),
    );
    const when: ConditionIR | undefined = rnd.chance(0.2) ? { kind: 'expr', source: `cond${rnd.int(4)}` } : undefined;
    return { priority: rnd.pick([0, 0, 0, 5, 10]), match, ...(when ? { when } : {}) };
  });
  // Shuffle definition order against array order so sorting matters.
  const built = routes(...inits).map((r) => ({ ...r, order: r.order * 7 + rnd.int(5) }));
  return { routes: built, calls: randomCalls(rnd, word, 150) };
}

describe('route index vs linear first-match scan (property test)', () => {
  it('returns the same route, and asks the same when-conditions in the same order, for random routes and calls', () => {
    let hits = 0;
    let lookups = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { routes: set, calls } = generate(seed);
      const result = agreeWithScan(seed, set, calls);
      expect(result.index.routes).toEqual(result.sorted);
      hits += result.hits;
      lookups += result.lookups;
    }
    // The generator must exercise both outcomes for the comparison to mean anything.
    expect(hits).toBeGreaterThan(lookups * 0.2);
    expect(hits).toBeLessThan(lookups * 0.9);
  });

  it('indexes most generated clauses instead of scanning them', () => {
    let scanned = 0;
    let total = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const stats = buildRouteIndex(generate(seed).routes).stats;
      scanned += stats.scanned;
      total += stats.routes;
    }
    expect(scanned / total).toBeLessThan(0.5);
  });
});

// A wider generator: regexes of every shape (anchored or not, alternations,
// bounded repeats, sets, flags), patterns with leading sets, calls with
// letters and punctuation, and sets large enough that a lookup skips probes.
const WIDE_ALPHABET = ['0', '1', '2', '9', '+', '-', 'x', 'a', 'A'];
const WIDE_REGEXES: [string, string][] = [
  ['^(?:911|112|999)$', ''],
  ['^(1|2)0$', ''],
  ['^\\+1(2|9)\\d?$', ''],
  ['^[12]{1,2}$', ''],
  ['^(?:10|2)9?', ''],
  ['^(?:1|12)', ''],
  ['1-2', ''],
  ['x\\d+$', ''],
  ['[0-9]{2}-[0-9]', ''],
  ['a+1', ''],
  ['a|x', ''],
  ['X1', 'i'],
  ['^A', 'i'],
  ['^1$', 'm'],
  ['a\\d', 'u'],
  ['[\\d--[0]]x', 'v'],
  ['\\x41', ''],
  ['-\\b', ''],
  ['(?=1)1-', ''],
];
const WIDE_PATTERNS = ['_[12]X', '_[0-2]1.', '_N1', '_[19]', '_[+1]2!', '_1[02]', '_X-X', '_[ax]X.', '_NXX'];

function generateWide(seed: number): { routes: RouteIR[]; calls: CallFacts[] } {
  const rnd = prng(seed);
  const word = (min: number, max: number): string =>
    Array.from({ length: min + rnd.int(max - min + 1) }, () => rnd.pick(WIDE_ALPHABET)).join('');
  const matcher = (): StringMatcher => {
    const roll = rnd.int(100);
    if (roll < 30) return exact(word(1, 4));
    if (roll < 42) return prefix(word(rnd.chance(0.05) ? 0 : 2, 3));
    if (roll < 48) return suffix(word(rnd.chance(0.05) ? 0 : 1, 2));
    if (roll < 60) {
      const [source, flags] = rnd.pick(WIDE_REGEXES);
      return regex(source, flags);
    }
    if (roll < 75) {
      const r = randomRegex(rnd, WIDE_ALPHABET);
      return regex(r.source, r.flags);
    }
    return pattern(rnd.pick(WIDE_PATTERNS));
  };
  const count = 1 + rnd.int(300);
  const inits = Array.from({ length: count }, () => {
    const match: MatchClause[] = Array.from({ length: rnd.chance(0.02) ? 0 : 1 + rnd.int(rnd.chance(0.7) ? 1 : 3) }, () =>
      clause(rnd.pick(FIELDS), matcher()),
    );
    const when: ConditionIR | undefined = rnd.chance(0.15) ? { kind: 'expr', source: `cond${rnd.int(4)}` } : undefined;
    return { priority: rnd.pick([0, 0, 0, 0, 5, 10]), match, ...(when ? { when } : {}) };
  });
  const built = routes(...inits).map((r) => ({ ...r, order: r.order * 7 + rnd.int(5) }));
  return { routes: built, calls: randomCalls(rnd, word, 120) };
}

describe('route index vs linear first-match scan (wide property test)', () => {
  it('agrees on multi-key routes, required-text prefilters, flags and large sets', () => {
    let hits = 0;
    let lookups = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { routes: set, calls } = generateWide(seed);
      const result = agreeWithScan(seed, set, calls, (index, facts, winner, i) => {
        // Candidates are every route that could take the call: the winner is among them.
        if (winner && !index.candidates(facts).includes(winner)) throw new Error(`seed ${seed}, call ${i}: winner not a candidate`);
      });
      hits += result.hits;
      lookups += result.lookups;
    }
    expect(hits).toBeGreaterThan(lookups * 0.2);
    expect(hits).toBeLessThan(lookups * 0.95);
  });

  it('files routes under several keys and behind required texts', () => {
    let multi = 0;
    let prefiltered = 0;
    let exactSets = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const index = buildRouteIndex(generateWide(seed).routes);
      for (const route of index.routes) {
        const key = index.keyOf(route);
        if (key?.kind === 'scan' && key.requires) prefiltered++;
        if ((key?.kind === 'prefix' || key?.kind === 'exact') && key.values.length > 1) {
          multi++;
          if (key.kind === 'exact') exactSets++;
        }
      }
    }
    expect(multi).toBeGreaterThan(100);
    expect(exactSets).toBeGreaterThan(30);
    expect(prefiltered).toBeGreaterThan(100);
  });

  it('agrees when a when-evaluator routes another call through the same index', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { routes: set, calls } = generateWide(seed);
      const sorted = sortRoutes(set);
      const index = buildRouteIndex(set);
      for (const [i, facts] of calls.entries()) {
        const other = calls[(i + 1) % calls.length];
        const asked = { scan: [] as string[], index: [] as string[] };
        // The condition holds when the other call routes somewhere: a nested lookup mid-lookup.
        const scanWhen = (c: ConditionIR): boolean => {
          const inner = scanRoutes(sorted, other, () => false);
          asked.scan.push(`${conditionName(c)}:${inner?.name}`);
          return (inner?.order ?? 0) % 2 === 0;
        };
        const indexWhen = (c: ConditionIR): boolean => {
          const inner = index.lookup(other, () => false);
          asked.index.push(`${conditionName(c)}:${inner?.name}`);
          return (inner?.order ?? 0) % 2 === 0;
        };
        expect(index.lookup(facts, indexWhen)).toBe(scanRoutes(sorted, facts, scanWhen));
        expect(asked.index).toEqual(asked.scan);
      }
    }
  });
});
