import type { MatchClause, MatchField, StringMatcher } from '../../src/ir/types';
import { matcherSubsumes, matchesSubsume, sameMatch } from '../../src/routing/subsume';
import { matchString } from '../../src/routing/matchers';
import { prng } from './prng';

const src = { file: 't.yaml', path: [] };
const exact = (value: string): StringMatcher => ({ kind: 'exact', value });
const prefix = (value: string): StringMatcher => ({ kind: 'prefix', value });
const suffix = (value: string): StringMatcher => ({ kind: 'suffix', value });
const pattern = (value: string): StringMatcher => ({ kind: 'pattern', value });
const regex = (source: string, flags = ''): StringMatcher => ({ kind: 'regex', source, flags });
const clause = (field: MatchField, matcher: StringMatcher): MatchClause => ({ field, matcher, source: src });

describe('matcherSubsumes', () => {
  it.each([
    [prefix('1'), exact('1000'), true],
    [pattern('_1XXX'), exact('1000'), true],
    [regex('^1\\d{3}$'), exact('1000'), true],
    [suffix('00'), exact('1000'), true],
    [exact('1000'), exact('1001'), false],
    [prefix('+1'), prefix('+1212'), true],
    [prefix('+1212'), prefix('+1'), false],
    [prefix('1'), pattern('_1XXX'), true],
    [prefix('12'), pattern('_1XXX'), false],
    [pattern('_1XXX'), pattern('_1[0-5]XX'), true],
    [pattern('_1[0-5]XX'), pattern('_1XXX'), false],
    [pattern('_NXX'), pattern('_ZXX'), false],
    [pattern('_ZXX'), pattern('_NXX'), true],
    [pattern('_1.'), pattern('_1XXX'), true],
    [pattern('_1!'), pattern('_1'), true],
    [pattern('_1.'), pattern('_1!'), false],
    [pattern('_1.'), prefix('1'), false], // "1" itself
    [pattern('_1!'), prefix('1'), true],
    [pattern('_1XXX'), prefix('1'), false],
    [suffix('0'), pattern('_1XX0'), true],
    [suffix('0'), pattern('_1XXX'), false],
    [suffix('0'), suffix('10'), true],
    [suffix('10'), suffix('0'), false],
    [pattern('_!'), suffix('0'), true],
    [pattern('_.'), suffix('0'), true],
    [prefix(''), regex('^x'), true],
    [regex('^1', 'g'), regex('^1', ''), true],
    [regex('^1'), regex('^1', 'i'), false],
    [regex('^1'), prefix('1'), false], // true, but not provable without reasoning about regexes
    [prefix('1'), regex('^1'), false],
    [regex('('), exact('('), false], // invalid regex: unsure
  ])('%j ⊇ %j is %s', (outer, inner, expected) => {
    expect(matcherSubsumes(outer, inner)).toBe(expected);
  });

  it('never claims an inclusion that a counterexample refutes (bounded brute force)', () => {
    const alphabet = ['0', '1', '2', '9', '+', 'a'];
    const universe: string[] = [''];
    for (let len = 1; len <= 4; len++) {
      for (const s of universe.filter((u) => u.length === len - 1)) for (const c of alphabet) universe.push(s + c);
    }
    const rnd = prng(7);
    const word = (max: number): string => Array.from({ length: rnd.int(max + 1) }, () => rnd.pick(alphabet)).join('');
    const patternPart = (): string => rnd.pick(['0', '1', '2', '9', 'X', 'Z', 'N', '[01]', '[2-9]', '+', 'a']);
    const randomMatcher = (): StringMatcher => {
      switch (rnd.int(5)) {
        case 0:
          return exact(word(4));
        case 1:
          return prefix(word(3));
        case 2:
          return suffix(word(3));
        case 3:
          return regex(rnd.pick(['^1', '^1', '0$', '^[12]+$']));
        default:
          return pattern(`_${Array.from({ length: 1 + rnd.int(3) }, patternPart).join('')}${rnd.pick(['', '', '.', '!'])}`);
      }
    };
    let proven = 0;
    for (let i = 0; i < 3000; i++) {
      const outer = randomMatcher();
      const inner = randomMatcher();
      if (!matcherSubsumes(outer, inner)) continue;
      proven++;
      for (const s of universe) {
        if (matchString(inner, s) && !matchString(outer, s)) {
          throw new Error(`${JSON.stringify(outer)} ⊇ ${JSON.stringify(inner)} is refuted by ${JSON.stringify(s)}`);
        }
      }
    }
    expect(proven).toBeGreaterThan(100);
  });
});

describe('matchesSubsume and sameMatch', () => {
  it('an empty earlier match subsumes everything; a narrower earlier one does not', () => {
    expect(matchesSubsume([], [clause('extension', exact('1000'))])).toBe(true);
    expect(matchesSubsume([clause('extension', exact('1000'))], [])).toBe(false);
  });

  it('needs every earlier clause covered by a later clause on the same field', () => {
    const earlier = [clause('number', prefix('+1'))];
    const later = [clause('extension', exact('1000')), clause('number', prefix('+1212'))];
    expect(matchesSubsume(earlier, later)).toBe(true);
    expect(matchesSubsume(later, earlier)).toBe(false);
    expect(matchesSubsume([clause('caller_name', prefix('A'))], later)).toBe(false);
  });

  it('folds header name case but not variable names', () => {
    expect(matchesSubsume([clause('header.X-Tier', exact('gold'))], [clause('header.x-tier', exact('gold'))])).toBe(true);
    expect(matchesSubsume([clause('var.TIER', exact('gold'))], [clause('var.tier', exact('gold'))])).toBe(false);
  });

  it('sameMatch is semantic equality, regardless of clause order or spelling', () => {
    const a = [clause('extension', exact('1000')), clause('number', prefix('+1'))];
    const b = [clause('number', prefix('+1')), clause('extension', pattern('_1000'))];
    expect(sameMatch(a, b)).toBe(true);
    expect(sameMatch(a, [clause('extension', exact('1000'))])).toBe(false);
    expect(sameMatch([clause('args', regex('^vip$'))], [clause('args', regex('^vip$'))])).toBe(true);
  });
});
