import type { MatchClause, MatchField, StringMatcher } from '../../src/ir/types';
import { buildRouteIndex } from '../../src/routing/route-index';
import { subsumingRoutes, witnessFacts } from '../../src/routing/subsume-index';
import { matchesSubsume } from '../../src/routing/subsume';
import { clausesMatch } from '../../src/routing/clause-match';
import { prng } from './prng';
import { clause, exact, pattern, prefix, regex, routes, suffix } from './route-builders';

describe('witnessFacts', () => {
  it('builds a call every clause accepts', () => {
    const clauses = [clause('extension', pattern('_1XX.')), clause('number', prefix('+265')), clause('header.X-Tier', exact('gold')), clause('args', suffix('vip'))];
    const facts = witnessFacts(clauses);
    expect(facts).toMatchObject({ extension: '1000', number: '+265', headers: { 'X-Tier': 'gold' }, args: ['vip'] });
    expect(facts && clausesMatch(clauses, facts)).toBe(true);
  });
  it('gives up on regexes and on clauses that contradict each other', () => {
    expect(witnessFacts([clause('extension', regex('^1'))])).toBeUndefined();
    expect(witnessFacts([clause('extension', prefix('1')), clause('extension', suffix('0'))])).toBeUndefined();
  });
});

describe('subsumingRoutes', () => {
  it('finds the earlier routes that cover a route', () => {
    const set = routes(
      { name: 'all-us', match: [clause('number', prefix('+1'))] },
      { name: 'nyc', match: [clause('number', prefix('+1212'))] },
      { name: 'ext', match: [clause('extension', exact('1000'))] },
      { name: 'nyc-1000', match: [clause('number', prefix('+1212')), clause('extension', pattern('_1000'))] },
    );
    const index = buildRouteIndex(set);
    expect(subsumingRoutes(index, set[3]).map((r) => r.name)).toEqual(['all-us', 'nyc', 'ext']);
    expect(subsumingRoutes(index, set[0])).toEqual([]);
  });

  it('agrees with comparing every earlier route (random route sets)', () => {
    const fields: MatchField[] = ['extension', 'number', 'args', 'header.X-A'];
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = prng(seed);
      const word = (): string => Array.from({ length: rnd.int(4) }, () => rnd.pick(['1', '2', '0'])).join('');
      const matcher = (): StringMatcher =>
        rnd.pick([
          () => exact(word()),
          () => prefix(word()),
          () => suffix(word()),
          () => pattern(`_${rnd.pick(['1', 'X', 'N', '[12]'])}${rnd.pick(['', '2', 'X'])}${rnd.pick(['', '.', '!'])}`),
          () => regex(rnd.pick(['^1', '0$'])),
        ])();
      const set = routes(
        ...Array.from({ length: 40 }, () => ({
          priority: rnd.pick([0, 0, 1]),
          match: Array.from({ length: rnd.int(3) }, (): MatchClause => clause(rnd.pick(fields), matcher())),
        })),
      );
      const index = buildRouteIndex(set);
      for (const route of index.routes) {
        const rank = index.rankOf(route);
        const brute = index.routes.slice(0, rank).filter((e) => matchesSubsume(e.match, route.match));
        expect(subsumingRoutes(index, route)).toEqual(brute);
      }
    }
  });

  it('compares a route with the few routes its witness call reaches, not with every earlier one', () => {
    const set = routes(...Array.from({ length: 20_000 }, (_, i) => ({ match: [clause('extension', exact(String(100000 + i)))] })));
    const index = buildRouteIndex(set);
    let compared = 0;
    for (const route of index.routes) {
      const witness = witnessFacts(route.match);
      compared += witness ? index.candidates(witness).length : index.rankOf(route);
      expect(subsumingRoutes(index, route)).toEqual([]);
    }
    // Every pair would be 2e8 comparisons.
    expect(compared).toBe(20_000);
  });
});
