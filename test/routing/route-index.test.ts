import type { AppSnapshot } from '../../src/ir/types';
import { callFacts } from '../../src/routing/facts';
import { buildRouteIndex, getRouteIndex } from '../../src/routing/route-index';
import { regexLiteralPrefix, regexLiteralSuffix } from '../../src/routing/regex-prefix';
import { CharTrieBuilder } from '../../src/routing/trie';
import { clause, exact, pattern, prefix, regex, routes, suffix } from './route-builders';

const always = (): boolean => true;

describe('CharTrie', () => {
  it('yields the ranks of the longest key and every shorter one, shortest first', () => {
    const b = new CharTrieBuilder();
    b.insert('+1', 1);
    b.insert('+1212', 2);
    b.insert('', 0);
    b.insert('+44', 3);
    b.insert('+1212', 4);
    b.insert('sip:+1', 5);
    const trie = b.build();
    const out: number[] = [];
    trie.collect('+12125551234', out);
    expect(out).toEqual([0, 1, 2, 4]);
    const none: number[] = [];
    trie.collect('+3', none);
    expect(none).toEqual([0]);
    const letters: number[] = [];
    trie.collect('sip:+100', letters);
    expect(letters).toEqual([0, 5]);
    expect(trie.size).toBe(14);
  });

  it('reads keys from the end when reversed', () => {
    const b = new CharTrieBuilder(true);
    b.insert('00', 7);
    b.insert('0', 3);
    const out: number[] = [];
    b.build().collect('1200', out);
    expect(out).toEqual([3, 7]);
  });
});

describe('regexLiteralPrefix', () => {
  it.each([
    ['^\\+1(212|646)\\d{7}$', '', '+1'],
    ['^1[2-9][0-9]{9}$', '', '1'],
    ['^123?4', '', '12'],
    ['^12*', '', '1'],
    ['^12+', '', '12'],
    ['^12{2}', '', '1'],
    ['^\\d+', '', ''],
    ['^abc', 'i', ''],
    ['^abc', 'm', ''],
    ['^1|^2', '', ''],
    ['^1[|]2', '', '1'],
    ['1234', '', ''],
    ['^\\.x', 's', '.x'],
  ])('%s /%s → %j', (source, flags, expected) => {
    expect(regexLiteralPrefix(source, flags)).toBe(expected);
  });
});

describe('regexLiteralSuffix', () => {
  it.each([
    ['test$', '', 'test'],
    ['@example\\.com$', '', '@example.com'],
    ['x\\d+$', '', ''],
    ['ab+$', '', ''],
    ['a*b$', '', 'b'],
    ['[ab]$', '', ''],
    ['\\\\$', '', '\\'],
    ['abc\\$', '', ''],
    ['a|b$', '', ''],
    ['(a|b)c$', '', 'c'],
    ['test$', 'i', ''],
    ['test$', 'm', ''],
    ['test', '', ''],
  ])('%s /%s → %j', (source, flags, expected) => {
    expect(regexLiteralSuffix(source, flags)).toBe(expected);
  });
});

describe('buildRouteIndex', () => {
  const set = routes(
    { name: 'support', match: [clause('extension', exact('1000'))] },
    { name: 'us-outbound', priority: 10, match: [clause('extension', regex('^1[2-9][0-9]{9}$')), clause('number', prefix('+1'))] },
    { name: 'vip', match: [clause('number', exact('+265888111111'))] },
    { name: 'malawi', match: [clause('number', prefix('+265'))] },
    { name: 'ends-in-zero', match: [clause('number', suffix('0'))] },
    { name: 'sales-block', match: [clause('extension', pattern('_2XXX'))] },
    { name: 'tagged', match: [clause('header.X-Campaign', regex('spring'))] },
    { name: 'broken', match: [clause('extension', regex('('))] },
    { name: 'support-dup', match: [clause('extension', exact('1000'))] },
  );
  const index = buildRouteIndex(set);

  it('files each route under its most selective clause', () => {
    expect(index.stats).toEqual({ routes: 9, exact: 3, prefix: 3, suffix: 1, length: 0, scanned: 1, never: 1 });
    expect(index.keyOf(index.routes[0])).toEqual({ kind: 'prefix', field: 'number', value: '+1' });
    expect(index.routes.map((r) => r.name)[0]).toBe('us-outbound');
  });

  it('picks by priority, then definition order', () => {
    expect(index.lookup(callFacts({ extension: '1000', number: '+265888111111' }), always)?.name).toBe('support');
    expect(index.lookup(callFacts({ extension: '12125551234', number: '+12125550000' }), always)?.name).toBe('us-outbound');
    expect(index.lookup(callFacts({ extension: '9', number: '+265888111111' }), always)?.name).toBe('vip');
    expect(index.lookup(callFacts({ extension: '9', number: '+265999' }), always)?.name).toBe('malawi');
    expect(index.lookup(callFacts({ extension: '2001', number: '+3310' }), always)?.name).toBe('ends-in-zero');
    expect(index.lookup(callFacts({ extension: '2001', number: '+331' }), always)?.name).toBe('sales-block');
    expect(index.lookup(callFacts({ extension: '9', headers: { 'x-campaign': 'spring-24' } }), always)?.name).toBe('tagged');
    expect(index.lookup(callFacts({ extension: '9', number: '+331' }), always)).toBeUndefined();
  });

  it('falls to the next candidate when a when-condition is false', () => {
    const guarded = buildRouteIndex(
      routes(
        { name: 'open', match: [clause('extension', exact('1000'))], when: { kind: 'calendar', calendar: 'office', state: 'open' } },
        { name: 'closed', match: [clause('extension', exact('1000'))] },
      ),
    );
    expect(guarded.lookup(callFacts({ extension: '1000' }), () => false)?.name).toBe('closed');
    expect(guarded.lookup(callFacts({ extension: '1000' }), () => true)?.name).toBe('open');
  });

  it('lists only the routes whose key can match as candidates (plus scanned ones)', () => {
    const names = index.candidates(callFacts({ extension: '1000', number: '+265888111111' })).map((r) => r.name);
    expect(names).toEqual(['support', 'vip', 'malawi', 'tagged', 'support-dup']);
  });

  it('buckets fixed-length patterns with no literal prefix by length, and suffix-anchored regexes by suffix', () => {
    const idx = buildRouteIndex(
      routes(
        { name: 'nanp', match: [clause('extension', pattern('_NXXNXXXXXX'))] },
        { name: 'short', match: [clause('extension', pattern('_NXX'))] },
        { name: 'any', match: [clause('extension', pattern('_N.'))] },
        { name: 'tests', match: [clause('caller_name', regex('test$'))] },
      ),
    );
    expect(idx.stats).toMatchObject({ length: 2, suffix: 1, scanned: 1 });
    expect(idx.candidates(callFacts({ extension: '2125551234' })).map((r) => r.name)).toEqual(['nanp', 'any']);
    expect(idx.lookup(callFacts({ extension: '212' }), always)?.name).toBe('short');
    expect(idx.lookup(callFacts({ extension: '112' }), always)).toBeUndefined();
    expect(idx.lookup(callFacts({ extension: '1', callerName: 'a test' }), always)?.name).toBe('tests');
  });

  it('keeps the index immutable', () => {
    expect(Object.isFrozen(index)).toBe(true);
    expect(Object.isFrozen(index.routes)).toBe(true);
  });

  it('stays flat: a lookup over 50k exact routes verifies one candidate', () => {
    const many = routes(...Array.from({ length: 50_000 }, (_, i) => ({ match: [clause('extension', exact(String(100000 + i)))] })));
    const big = buildRouteIndex(many);
    expect(big.candidates(callFacts({ extension: '123456' })).map((r) => r.name)).toEqual(['route#23456']);
  });
});

describe('getRouteIndex', () => {
  it('builds once per snapshot', () => {
    const snapshot = { routes: routes({ match: [clause('extension', exact('1'))] }) } as unknown as AppSnapshot;
    const first = getRouteIndex(snapshot);
    expect(getRouteIndex(snapshot)).toBe(first);
    const other = { ...snapshot } as AppSnapshot;
    expect(getRouteIndex(other)).not.toBe(first);
  });
});
