import { callFacts } from '../../src/routing/facts';
import { factsFromOptions } from '../../src/routing/facts-from-options';
import { explainRoute } from '../../src/routing/explain';
import { formatExplanation } from '../../src/routing/explain-format';
import { resolveStatic } from '../../src/routing/resolve';
import { getRouteIndex } from '../../src/routing/route-index';
import { clause, exact, pattern, routes, suffix } from './route-builders';
import { httpRule, matchRule, snapshot } from './snapshot-builder';

const snap = snapshot({
  routes: routes(
    {
      name: 'support',
      match: [clause('extension', exact('1000'))],
      metadata: { queue: 'support', priority: 'high' },
      target: { kind: 'flow', flow: 'support' },
      rewrite: { number: { regex: '^\\+265(\\d+)$', flags: '', replace: '0$1' } },
    },
    { name: 'vip', match: [clause('number', exact('+265888111111'))], target: { kind: 'flow', flow: 'vip' } },
    { name: 'after-hours', priority: 5, match: [clause('extension', pattern('_1XXX'))], when: { kind: 'calendar', calendar: 'office', state: 'closed' }, target: { kind: 'reject', cause: 'busy' } },
    { name: 'sales', match: [clause('extension', exact('2000'))], target: { kind: 'flow', flow: 'sales' } },
  ),
  dispatch: [httpRule('crm', 'http://route-engine/decision', 500, 0), matchRule('zero', [clause('number', suffix('0'))], { kind: 'flow', flow: 'sales' }, 1)],
  defaultTarget: { kind: 'flow', flow: 'menu' },
  flows: ['support', 'vip', 'sales', 'menu'],
});

describe('explainRoute', () => {
  it('names the winner, why it matched, and the candidates considered', () => {
    const facts = callFacts({ extension: '1000', number: '+265888111111' });
    const e = explainRoute(snap, facts, { evalWhen: () => false });
    expect(e.decision).toEqual({ kind: 'route', name: 'support', target: { kind: 'flow', flow: 'support' } });
    expect(e.decision.kind === 'route' && e.decision.name).toBe(resolveStatic(getRouteIndex(snap), facts, () => false)?.name);
    expect(e.routes.map((r) => [r.name, r.status])).toEqual([
      ['after-hours', 'when_false'],
      ['support', 'won'],
      ['vip', 'not_reached'],
    ]);
    expect(e.routes[1].clauses).toEqual([{ field: 'extension', matcher: 'exact "1000"', value: '1000', matched: true }]);
    expect(e.routes[1].indexedBy).toBe('exact extension "1000"');
    expect(e.facts.number).toBe('0888111111');
    expect(e.metadata).toEqual({ queue: 'support', priority: 'high' });
    expect(e.dispatch).toEqual([]);
    expect(e.httpFirst).toEqual([]);
  });

  it('reports when-conditions as assumed without an evaluator', () => {
    const e = explainRoute(snap, callFacts({ extension: '1234' }));
    expect(e.routes[0]).toMatchObject({ name: 'after-hours', when: 'assumed', status: 'won' });
    expect(e.decision).toEqual({ kind: 'route', name: 'after-hours', target: { kind: 'reject', cause: 'busy' } });
  });

  it('reports HTTP rules as "would ask" and goes on as if they did not handle the call', () => {
    const e = explainRoute(snap, callFacts({ extension: '5', number: '+2650' }));
    expect(e.routes).toEqual([]);
    expect(e.dispatch.map((r) => [r.name, r.status])).toEqual([
      ['crm', 'would_ask'],
      ['zero', 'won'],
    ]);
    expect(e.httpFirst).toEqual([{ name: 'crm', url: 'http://route-engine/decision' }]);
    expect(e.decision).toEqual({ kind: 'dispatch', name: 'zero', target: { kind: 'flow', flow: 'sales' } });
    expect(explainRoute(snap, callFacts({ extension: '5', number: '+1' })).decision).toEqual({ kind: 'default', target: { kind: 'flow', flow: 'menu' } });
    expect(explainRoute(snapshot({ routes: [] }), callFacts()).decision).toEqual({ kind: 'none' });
  });

  it('formats a readable text report', () => {
    const text = formatExplanation(explainRoute(snap, callFacts({ extension: '1000', number: '+265888111111' }), { evalWhen: () => false }));
    expect(text).toContain('app voxtra (version abcdef012345): 4 static routes (3 exact, 1 prefix, 0 suffix, 0 by length, 0 scanned)');
    expect(text).toContain('call: extension "1000", number "+265888111111"');
    expect(text).toContain('static routes considered: 3 of 4');
    expect(text).toContain('[when false] after-hours priority 5 → reject (busy)  flows/routes.yaml:3:3');
    expect(text).toContain('[MATCH] support priority 0 → flow support');
    expect(text).toContain('✓ extension exact "1000" (call has "1000")');
    expect(text).toContain('decision: route "support" → flow support');
    expect(text).toContain('rewrite: number "+265888111111" → "0888111111"');
    expect(text).toContain('metadata: {"queue":"support","priority":"high"}');
    const http = formatExplanation(explainRoute(snap, callFacts({ extension: '5', number: '+2650' })));
    expect(http).toContain('[http] crm: would ask http://route-engine/decision');
    expect(http).toContain('unless an HTTP router takes the call first: crm (http://route-engine/decision)');
    expect(http).toContain('✓ number suffix "0" (call has "+2650")');
  });

  it('formats JSON that round-trips', () => {
    const e = explainRoute(snap, callFacts({ extension: '2000' }));
    expect(JSON.parse(formatExplanation(e, 'json'))).toEqual(JSON.parse(JSON.stringify(e)));
  });
});

describe('factsFromOptions', () => {
  it('builds facts from the command line', () => {
    expect(factsFromOptions({ extension: '1000', number: '+1', header: ['X-Tier=gold=1'], var: ['TIER=gold'] })).toEqual({
      ok: true,
      facts: callFacts({ extension: '1000', number: '+1', headers: { 'X-Tier': 'gold=1' }, vars: { TIER: 'gold' } }),
    });
    expect(factsFromOptions({ header: ['novalue'] })).toEqual({ ok: false, message: expect.stringContaining('--header expects NAME=VALUE') });
  });
});
