import { memoryLogger } from '../../src/core/logger';
import type { ConditionIR } from '../../src/ir/types';
import { callFacts } from '../../src/routing/facts';
import type { HttpRouter, HttpRouterAnswer, HttpRouterRequest } from '../../src/routing/http-router-types';
import { applyRewrite, matchDispatchRule, resolveCall, resolveStatic, routerRequest } from '../../src/routing/resolve';
import { buildRouteIndex } from '../../src/routing/route-index';
import { clause, exact, prefix, regex, routes, suffix } from './route-builders';
import { httpRule, matchRule, snapshot } from './snapshot-builder';

const always = (): boolean => true;
const noHttp: HttpRouter = async () => {
  throw new Error('no HTTP router expected');
};
const answer = (a: Partial<HttpRouterAnswer> & Pick<HttpRouterAnswer, 'action'>): HttpRouterAnswer =>
  ({ extensions: {}, ignored: [], ...a }) as HttpRouterAnswer;

const seedRoutes = routes(
  { name: 'support', match: [clause('extension', exact('1000'))], metadata: { queue: 'support', priority: 'high' }, target: { kind: 'flow', flow: 'support' } },
  { match: [clause('number', exact('+265888111111'))], target: { kind: 'flow', flow: 'route#1' } },
  {
    name: 'us-outbound',
    priority: 10,
    match: [clause('extension', regex('^1[2-9][0-9]{9}$')), clause('number', prefix('+1'))],
    target: { kind: 'flow', flow: 'sales' },
  },
  { name: 'busy-line', match: [clause('extension', exact('1999'))], target: { kind: 'reject', cause: 'busy' } },
);

describe('resolveStatic', () => {
  const index = buildRouteIndex(seedRoutes);
  it('requires both extension and number when a route lists both', () => {
    expect(resolveStatic(index, callFacts({ extension: '12125551234', number: '+12125550000' }), always)?.name).toBe('us-outbound');
    expect(resolveStatic(index, callFacts({ extension: '12125551234', number: '+442071234567' }), always)).toBeUndefined();
  });
  it('lets priority beat definition order, and definition order break ties', () => {
    const idx = buildRouteIndex(
      routes(
        { name: 'first', match: [clause('number', prefix('+265'))] },
        { name: 'second', match: [clause('number', prefix('+265'))] },
        { name: 'urgent', priority: 5, match: [clause('number', suffix('1'))] },
      ),
    );
    expect(resolveStatic(idx, callFacts({ number: '+265888111111' }), always)?.name).toBe('urgent');
    expect(resolveStatic(idx, callFacts({ number: '+265888111112' }), always)?.name).toBe('first');
  });
});

describe('applyRewrite', () => {
  const [route] = routes({
    rewrite: { extension: { regex: '^9(\\d+)$', flags: '', replace: '$1' }, number: { regex: '^0(\\d+)$', flags: '', replace: '+265$1' } },
  });
  it('rewrites with captures', () => {
    const out = applyRewrite(route, callFacts({ extension: '91000', number: '0888111111', callerName: 'Ann' }));
    expect(out).toMatchObject({ extension: '1000', number: '+265888111111', callerName: 'Ann' });
  });
  it('replaces every match with the g flag, and is stateless across calls', () => {
    const [dashes] = routes({ rewrite: { number: { regex: '-', flags: 'g', replace: '' } } });
    for (let i = 0; i < 2; i++) expect(applyRewrite(dashes, callFacts({ number: '+1-212-555' })).number).toBe('+1212555');
  });

  it('leaves values the regex does not match, and facts without rewrite, untouched', () => {
    const facts = callFacts({ extension: '1000', number: '+265888111111' });
    expect(applyRewrite(route, facts)).toMatchObject({ extension: '1000', number: '+265888111111' });
    const [plain] = routes({});
    expect(applyRewrite(plain, facts)).toBe(facts);
  });
});

describe('matchDispatchRule', () => {
  it('checks clauses, then the when condition', () => {
    const rule = { ...matchRule('zero', [clause('number', suffix('0'))], { kind: 'flow', flow: 'sales' }), when: { kind: 'expr', source: 'x' } as ConditionIR };
    expect(matchDispatchRule(rule, callFacts({ number: '+2650' }), () => true)).toBe(true);
    expect(matchDispatchRule(rule, callFacts({ number: '+2650' }), () => false)).toBe(false);
    expect(matchDispatchRule(rule, callFacts({ number: '+2651' }), () => true)).toBe(false);
  });
});

describe('resolveCall', () => {
  const snap = (extra: Parameters<typeof snapshot>[0] = {}) => snapshot({ routes: seedRoutes, flows: ['support', 'sales', 'menu', 'route#1'], ...extra });

  it('takes a static route, with its metadata and rewritten facts', async () => {
    const d = await resolveCall(snap(), callFacts({ extension: '1000', number: '+265888111111' }), { evalWhen: always, httpRouter: noHttp });
    expect(d).toMatchObject({ kind: 'route', name: 'support', target: { kind: 'flow', flow: 'support' }, metadata: { queue: 'support', priority: 'high' } });
  });

  it('returns a route whose target is a reject', async () => {
    const d = await resolveCall(snap(), callFacts({ extension: '1999' }), { evalWhen: always, httpRouter: noHttp });
    expect(d).toMatchObject({ kind: 'route', name: 'busy-line', target: { kind: 'reject', cause: 'busy' } });
  });

  it('tries dispatch rules in order after static routes, then the default, then none', async () => {
    const dispatch = [
      matchRule('zero', [clause('number', suffix('0'))], { kind: 'flow', flow: 'sales' }, 0),
      matchRule('nine', [clause('number', suffix('9'))], { kind: 'flow', flow: 'menu' }, 1, { source: 'dispatch' }),
    ];
    const deps = { evalWhen: always, httpRouter: noHttp };
    expect(await resolveCall(snap({ dispatch }), callFacts({ number: '+10' }), deps)).toMatchObject({ kind: 'dispatch', name: 'zero', metadata: {} });
    expect(await resolveCall(snap({ dispatch }), callFacts({ number: '+19' }), deps)).toMatchObject({ kind: 'dispatch', name: 'nine', metadata: { source: 'dispatch' } });
    expect(await resolveCall(snap({ dispatch, defaultTarget: { kind: 'flow', flow: 'menu' } }), callFacts({ number: '+11' }), deps)).toMatchObject({
      kind: 'default',
      target: { kind: 'flow', flow: 'menu' },
      metadata: {},
    });
    const logger = memoryLogger();
    expect(await resolveCall(snap({ dispatch }), callFacts({ extension: '42', number: '+11' }), { ...deps, logger })).toEqual({
      kind: 'none',
      facts: callFacts({ extension: '42', number: '+11' }),
    });
    expect(logger.records).toEqual([expect.objectContaining({ level: 'warn', extension: '42', number: '+11' })]);
  });

  it('asks HTTP rules in order and falls through on not_handled or no answer', async () => {
    const asked: string[] = [];
    const requests: HttpRouterRequest[] = [];
    const httpRouter: HttpRouter = async (rule, request) => {
      asked.push(rule.name);
      requests.push(request);
      if (rule.name === 'a') return answer({ action: 'not_handled' });
      if (rule.name === 'b') return undefined; // timeout, error or invalid answer
      return answer({ action: 'forward', targets: ['PJSIP/1001'], strategy: 'parallel', timeoutMs: 30_000, headers: { 'X-Reason': 't-1' }, record: true, extensions: { crm: '77' }, ignored: ['media_proxy'] });
    };
    const dispatch = [httpRule('a', 'http://r/a', 500, 0), httpRule('b', 'http://r/b', 500, 1), httpRule('c', 'http://r/c', 500, 2)];
    const facts = callFacts({ extension: '5000', number: '+15551234', args: ['x'], headers: { 'X-Tier': 'gold', 'X-Absent': undefined }, vars: { TIER: 'gold' } });
    const d = await resolveCall(snap({ dispatch }), facts, { evalWhen: always, httpRouter, callId: 'chan-1' });
    expect(asked).toEqual(['a', 'b', 'c']);
    expect(d).toMatchObject({ kind: 'forward', name: 'c', targets: ['PJSIP/1001'], strategy: 'parallel', timeoutMs: 30_000, headers: { 'X-Reason': 't-1' }, record: true, metadata: { crm: '77' }, ignored: ['media_proxy'] });
    expect(requests[0]).toEqual({
      call_id: 'chan-1',
      from: '+15551234',
      to: '5000',
      extension: '5000',
      number: '+15551234',
      caller_name: '',
      app: 'voxtra',
      args: ['x'],
      headers: { 'X-Tier': 'gold' },
      variables: { TIER: 'gold' },
    });
  });

  it('maps reject, abort and spam answers to a reject decision', async () => {
    const run = async (a: HttpRouterAnswer) =>
      resolveCall(snap({ dispatch: [httpRule('r', 'http://r')] }), callFacts({ number: '+1' }), { evalWhen: always, httpRouter: async () => a });
    expect(await run(answer({ action: 'reject', cause: 'busy', reason: 'line busy' }))).toMatchObject({ kind: 'reject', action: 'reject', cause: 'busy', reason: 'line busy', spam: false });
    expect(await run(answer({ action: 'spam', cause: 'rejected' }))).toMatchObject({ kind: 'reject', action: 'spam', cause: 'rejected', spam: true });
  });

  it('accepts a flow answer only when the flow exists, else falls through', async () => {
    const logger = memoryLogger();
    const dispatch = [httpRule('r', 'http://r')];
    const flowAnswer = (flow: string): HttpRouter => async () => answer({ action: 'flow', flow, extensions: { tier: 'gold' } });
    const ok = await resolveCall(snap({ dispatch }), callFacts(), { evalWhen: always, httpRouter: flowAnswer('sales') });
    expect(ok).toMatchObject({ kind: 'dispatch', name: 'r', target: { kind: 'flow', flow: 'sales' }, metadata: { tier: 'gold' } });
    const missing = await resolveCall(snap({ dispatch, defaultTarget: { kind: 'flow', flow: 'menu' } }), callFacts(), { evalWhen: always, httpRouter: flowAnswer('toString'), logger });
    expect(missing).toMatchObject({ kind: 'default' });
    expect(logger.records[0]).toMatchObject({ level: 'warn', flow: 'toString' });
  });

  it('survives an HTTP router that rejects', async () => {
    const d = await resolveCall(snap({ dispatch: [httpRule('r', 'http://r')], defaultTarget: { kind: 'flow', flow: 'menu' } }), callFacts(), {
      evalWhen: always,
      httpRouter: async () => {
        throw new Error('boom');
      },
    });
    expect(d.kind).toBe('default');
  });

  it('does not ask HTTP rules when a static route or an earlier rule matched', async () => {
    const calls: string[] = [];
    const httpRouter: HttpRouter = async (rule) => (calls.push(rule.name), undefined);
    const dispatch = [matchRule('all', [], { kind: 'flow', flow: 'menu' }, 0), httpRule('late', 'http://r', 500, 1)];
    await resolveCall(snap({ dispatch }), callFacts({ extension: '1000' }), { evalWhen: always, httpRouter });
    await resolveCall(snap({ dispatch }), callFacts({ extension: '7' }), { evalWhen: always, httpRouter });
    expect(calls).toEqual([]);
  });

  it('builds the router request from facts alone', () => {
    expect(routerRequest('tenant', callFacts({ extension: '1', number: '2' })).call_id).toBe('');
  });
});
