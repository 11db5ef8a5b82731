import type { AppSnapshot, RouteIR } from '../../src/ir/types';
import { callFacts } from '../../src/routing/facts';
import { buildRouteIndex, getRouteIndex } from '../../src/routing/route-index';
import { regexLiteralPrefix, regexLiteralSuffix } from '../../src/routing/regex-prefix';
import { RankBuffer } from '../../src/routing/rank-buffer';
import { CharTrieBuilder, type CharTrie } from '../../src/routing/trie';
import { clause, exact, pattern, prefix, regex, routes, suffix } from './route-builders';

const always = (): boolean => true;

/** The ranks a lookup of `text` collects (a small buffer, so collecting also grows it). */
function collected(trie: CharTrie, text: string, bound?: number): number[] {
  const out = new RankBuffer(2);
  trie.collect(text, out, bound);
  return [...out.data.subarray(0, out.length)];
}

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
    expect(collected(trie, '+12125551234')).toEqual([0, 1, 2, 4]);
    expect(collected(trie, '+3')).toEqual([0]);
    expect(collected(trie, 'sip:+100')).toEqual([0, 5]);
    expect(trie.size).toBe(14);
  });

  it('skips subtrees holding nothing before the bound', () => {
    const b = new CharTrieBuilder();
    b.insert('1', 9);
    b.insert('12', 4);
    b.insert('123', 20);
    b.insert('1234', 2);
    b.insert('2', 1);
    const trie = b.build();
    const collect = (text: string, bound: number): number[] => collected(trie, text, bound);
    expect(collect('12345', 0x7fffffff)).toEqual([9, 4, 20, 2]);
    // Every rank below the bound is found; ranks at or after it may be, as the walk passes them.
    expect(collect('12345', 3)).toEqual([9, 4, 20, 2]);
    expect(collect('12345', 2)).toEqual([]);
    expect(collect('2', 1)).toEqual([]);
    expect(collect('2', 2)).toEqual([1]);
  });

  it('keeps telephony and other characters apart (digits, + * #, letters, beyond ASCII)', () => {
    const b = new CharTrieBuilder();
    const keys = ['*72', '#1', '+1', '1+', 'a1', 'A1', '☎1', '1☎', '1a', '10', '19'];
    keys.forEach((k, i) => b.insert(k, i));
    const trie = b.build();
    for (const [i, key] of keys.entries()) expect(collected(trie, `${key}xyz`)).toEqual([i]);
    expect(collected(trie, '1')).toEqual([]);
    expect(collected(trie, 'b1')).toEqual([]);
  });

  it('reads keys from the end when reversed', () => {
    const b = new CharTrieBuilder(true);
    b.insert('00', 7);
    b.insert('0', 3);
    expect(collected(b.build(), '1200')).toEqual([3, 7]);
  });
});

describe('regexLiteralPrefix', () => {
  it.each([
    ['^\\+1(212|646)\\d{7}$', '', '+1'],
    ['^1[2-9][0-9]{9}$', '', '1'],
    ['^123?4', '', '12'],
    ['^12*', '', '1'],
    ['^12+', '', '12'],
    ['^12{2}', '', '12'],
    ['^1\\x41', '', '1'],
    ['^\\cJ1', '', ''],
    ['^1\\u00412', '', '1'],
    ['^12\\d3', '', '12'],
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
    ['1\\x41$', '', ''],
    ['\\cJ$', '', ''],
    ['\\u0041$', '', ''],
    ['(a)\\12$', '', ''],
    ['a\\.b$', '', 'a.b'],
    ['a$', 'v', ''],
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
    expect(index.keyOf(index.routes[0])).toEqual({ kind: 'prefix', field: 'number', values: ['+1'] });
    expect(index.keyOf(index.routes.find((r) => r.name === 'tagged') as RouteIR)).toEqual({ kind: 'scan', requires: { field: 'header.X-Campaign', text: 'spring' } });
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

  it('lists only the routes whose key can match as candidates (plus scanned ones whose required text the call has)', () => {
    const names = index.candidates(callFacts({ extension: '1000', number: '+265888111111' })).map((r) => r.name);
    expect(names).toEqual(['support', 'vip', 'malawi', 'support-dup']);
    const tagged = index.candidates(callFacts({ extension: '1000', headers: { 'X-CAMPAIGN': 'x-spring' } })).map((r) => r.name);
    expect(tagged).toEqual(['support', 'tagged', 'support-dup']);
  });

  it('buckets fixed-length patterns with no literal prefix by length, and suffix-anchored regexes by suffix', () => {
    const idx = buildRouteIndex(
      routes(
        { name: 'nanp', match: [clause('extension', pattern('_NXXNXXXXXX'))] },
        { name: 'short', match: [clause('extension', pattern('_NXX'))] },
        { name: 'any', match: [clause('extension', pattern('_N.'))] },
        { name: 'tests', match: [clause('caller_name', regex('test$'))] },
        { name: 'all', match: [clause('extension', pattern('_X.'))] },
      ),
    );
    // A leading set of eight characters narrows less than a length does; `_N.` has nothing better.
    expect(idx.stats).toMatchObject({ length: 2, prefix: 1, suffix: 1, scanned: 1 });
    expect(idx.keyOf(idx.routes[2])).toEqual({ kind: 'prefix', field: 'extension', values: ['2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(idx.candidates(callFacts({ extension: '2125551234' })).map((r) => r.name)).toEqual(['nanp', 'any', 'all']);
    expect(idx.candidates(callFacts({ extension: '1125551234' })).map((r) => r.name)).toEqual(['nanp', 'all']);
    expect(idx.lookup(callFacts({ extension: '212' }), always)?.name).toBe('short');
    expect(idx.lookup(callFacts({ extension: '112' }), always)?.name).toBe('all');
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
