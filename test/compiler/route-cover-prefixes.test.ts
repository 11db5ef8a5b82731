import { coveredRoutes } from '../../src/compiler/rules/route-cover';
import type { MatchClause, RouteIR } from '../../src/ir/types';

// Prefix routes used to be compared with every later route (quadratic): a
// 10k-route table with 1,500 caller-number prefixes took seconds to compile,
// too slow for hot reload. They are indexed by prefix now.

const source = { file: 'x', path: [] };
const route = (order: number, match: MatchClause[]): RouteIR => ({ name: `r${order}`, order, priority: 0, match, metadata: {}, target: { kind: 'flow', flow: 'main' }, source });
const clause = (field: MatchClause['field'], matcher: MatchClause['matcher']): MatchClause => ({ field, matcher, source });

describe('coveredRoutes with many prefix routes', () => {
  it('finds prefix covers among thousands of routes quickly', () => {
    const routes: RouteIR[] = [];
    for (let i = 0; i < 3000; i++) routes.push(route(routes.length, [clause('number', { kind: 'prefix', value: `+4420${String(i).padStart(6, '0')}` })]));
    for (let i = 0; i < 7000; i++) routes.push(route(routes.length, [clause('extension', { kind: 'exact', value: `+265${String(i).padStart(9, '0')}` })]));
    // Covered: a longer prefix and an exact number under an earlier prefix, and a pattern behind one on the same field.
    routes.push(route(routes.length, [clause('number', { kind: 'prefix', value: '+44200000001234' })]));
    routes.push(route(routes.length, [clause('number', { kind: 'exact', value: '+442000000259' })]));
    routes.push(route(routes.length, [clause('number', { kind: 'prefix', value: '+4420' })]));
    routes.push(route(routes.length, [clause('number', { kind: 'pattern', value: '_+4420X.' })]));
    const started = Date.now();
    const covers = coveredRoutes(routes).map((c) => [c.route.name, c.earlier.name]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(covers).toEqual([
      ['r10000', 'r0'],
      ['r10001', 'r2'],
      ['r10003', 'r10002'],
    ]);
  });
});
