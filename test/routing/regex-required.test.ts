import { regexRequiredLiteral } from '../../src/routing/regex-required';
import { prng } from './prng';
import { compilableRegexes, matchingSample } from './regex-gen';

const ALPHABET = ['0', '1', '9', '+', '-', 'x', 'a', 'A', '.', '(', '|', '{', '\\'];

describe('regexRequiredLiteral', () => {
  it.each([
    ['[0-9]{3}-[0-9]{4}', '', '-'],
    ['x\\d+$', '', 'x'],
    ['conference', '', 'conference'],
    ['^conf(erence)?$', '', 'conf'],
    ['ab?c', '', 'a'],
    ['ab*cd', '', 'cd'],
    ['ab+cd', '', 'ab'],
    ['a{2}bc', '', 'bc'],
    ['a{0}bc', '', 'bc'],
    ['\\bvip\\b', '', 'vip'],
    ['vip(?=-)', '', 'vip'],
    ['a.c', '', 'a'],
    ['[abc]xy', '', 'xy'],
    ['\\+44', '', '+44'],
    ['conf|meet', '', ''],
    ['(conf|meet)room', '', 'room'],
    ['conference', 'i', ''],
    ['conference', 'v', ''],
    ['^conference$', 'm', 'conference'],
    ['\\x41bc', '', ''], // \x41 swallows the letters and digits after it: only ever shorter
    ['\\cJab', '', ''],
    ['\\u0041-b', '', '-b'],
    ['\\k<n>xy', '', 'xy'],
    ['(?<n>a)\\1-b', '', '-b'],
    ['a{', '', ''],
    ['a)', '', ''],
    ['', '', ''],
  ])('%s /%s → %j', (source, flags, expected) => {
    expect(regexRequiredLiteral(source, flags)).toBe(expected);
  });

  it('is contained in every string the regex matches (random regexes and strings they match)', () => {
    const rnd = prng(11);
    let proven = 0;
    let checked = 0;
    for (const { r, re } of compilableRegexes(rnd, ALPHABET, 4000)) {
      const literal = regexRequiredLiteral(r.source, r.flags);
      if (literal === '') continue;
      proven++;
      for (let k = 0; k < 20; k++) {
        const s = matchingSample(r, re);
        if (!s.includes(literal)) throw new Error(`/${r.source}/${r.flags} matches ${JSON.stringify(s)}, which lacks ${JSON.stringify(literal)}`);
        checked++;
      }
    }
    expect(proven).toBeGreaterThan(1000);
    expect(checked).toBeGreaterThan(20_000);
  });
});
