import { coveredRoutes, resolutionOrder } from '../../src/compiler/rules/route-cover';
import { sameData } from '../../src/compiler/canonical-json';
import type { MatchClause, MatchField, RouteIR, StringMatcher } from '../../src/ir/types';
import { matchesSubsume, sameMatch } from '../../src/routing/subsume';
import { compileTexts } from './compile-helper';

// A seeded PRNG so the random route sets are the same on every run.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const source = { file: 'x', path: [] };

function randomRoutes(rand: () => number, n: number): RouteIR[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const fields: MatchField[] = ['extension', 'number', 'header.X-Tenant', 'header.x-tenant'];
  const matcher = (): StringMatcher => {
    const v = pick(['1', '10', '100', '2', '20', '']);
    return pick<StringMatcher>([{ kind: 'exact', value: v || '1' }, { kind: 'exact', value: v || '2' }, { kind: 'prefix', value: v }, { kind: 'suffix', value: v }, { kind: 'pattern', value: pick(['_1X', '_1.', '_X!', '_2X']) }]);
  };
  return Array.from({ length: n }, (_, order) => {
    const match: MatchClause[] = Array.from({ length: Math.floor(rand() * 3) }, () => ({ field: pick(fields), matcher: matcher(), source }));
    return {
      name: `r${order}`,
      order,
      priority: pick([0, 0, 0, 1, -1]),
      match,
      ...(rand() < 0.15 ? { when: { kind: 'calendar', calendar: pick(['a', 'b']), state: 'open' } as const } : {}),
      metadata: {},
      target: { kind: 'flow', flow: 'main' },
      source,
    };
  });
}

/** The definition: compare every route with every earlier one. */
function naive(routes: RouteIR[]): { route: string; earlier: string; duplicate: boolean }[] {
  const ordered = resolutionOrder(routes);
  const out: { route: string; earlier: string; duplicate: boolean }[] = [];
  ordered.forEach((route, j) => {
    const earlier = ordered.slice(0, j).find((e) => (e.when === undefined || sameData(e.when, route.when)) && matchesSubsume(e.match, route.match));
    if (earlier) out.push({ route: route.name, earlier: earlier.name, duplicate: earlier.priority === route.priority && sameData(earlier.when, route.when) && sameMatch(earlier.match, route.match) });
  });
  return out;
}

describe('coveredRoutes', () => {
  it('finds the same covers as comparing every pair, on random route sets', () => {
    const rand = prng(42);
    for (let round = 0; round < 200; round++) {
      const routes = randomRoutes(rand, 2 + Math.floor(rand() * 30));
      const fast = coveredRoutes(routes).map((c) => ({ route: c.route.name, earlier: c.earlier.name, duplicate: c.duplicate }));
      expect(fast).toEqual(naive(routes));
    }
  });

  it('finds the same covers as comparing every pair with regexes and invalid matchers among the routes', () => {
    const rand = prng(7);
    const odd: StringMatcher[] = [
      { kind: 'regex', source: '^1', flags: '' },
      { kind: 'regex', source: '^1', flags: 'i' },
      { kind: 'regex', source: '^(1', flags: '' },
      { kind: 'pattern', value: '_1[2-' },
    ];
    for (let round = 0; round < 200; round++) {
      const routes = randomRoutes(rand, 2 + Math.floor(rand() * 30)).map((r) =>
        rand() < 0.4 ? { ...r, match: [...r.match, { field: rand() < 0.5 ? 'extension' : 'number', matcher: odd[Math.floor(rand() * odd.length)], source } as MatchClause] } : r,
      );
      const fast = coveredRoutes(routes).map((c) => ({ route: c.route.name, earlier: c.earlier.name, duplicate: c.duplicate }));
      expect(fast).toEqual(naive(routes));
    }
  });

  it('stays fast on a large table of exact routes', () => {
    let text = 'routes:\n';
    for (let i = 0; i < 3000; i++) text += `  - { extension: "${10000 + i}", flow: main }\n`;
    for (let i = 0; i < 100; i++) text += `  - { number: { prefix: "+${i}" }, flow: main }\n`;
    text += 'default: main\nflows:\n  main: [answer]\n';
    const started = Date.now();
    const r = compileTexts({ 'a.yaml': text });
    expect(Date.now() - started).toBeLessThan(5000);
    // "+1" takes every call "+10".."+19" would, and so on.
    expect(r.diagnostics.filter((d) => d.code === 'SHADOWED_ROUTE')).toHaveLength(90);
    expect(r.snapshot?.routes).toHaveLength(3100);
  });
});
