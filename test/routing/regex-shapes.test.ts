import { shapeTest } from '../../src/routing/asterisk-pattern';
import { regexShapes } from '../../src/routing/regex-shapes';
import { prng } from './prng';
import { compilableRegexes } from './regex-gen';

const ALPHABET = ['0', '1', '2', '9', '+', '-', 'a', 'A', '.', '*', '#', '\n'];

function union(source: string, flags: string): ((value: string) => boolean) | undefined {
  const shapes = regexShapes(source, flags);
  if (!shapes) return undefined;
  const tests = shapes.map(shapeTest);
  return (value) => tests.some((t) => t(value));
}

describe('regexShapes', () => {
  it('spells out alternations and bounded repeats', () => {
    const shapes = regexShapes('^\\+1(212|646)\\d{7}$', '') ?? [];
    expect(shapes).toHaveLength(2);
    expect(shapes.map((s) => s.classes.length)).toEqual([12, 12]);
    expect(shapes.every((s) => s.tail === 'end')).toBe(true);
    expect(regexShapes('^(?:911|112|999)$', '')?.length).toBe(3);
    expect(regexShapes('^\\+49(15|16|17)\\d{8,9}$', '')?.length).toBe(6);
    expect(regexShapes('^vip-', '')).toEqual([{ classes: [[[0x76, 0x76]], [[0x69, 0x69]], [[0x70, 0x70]], [[0x2d, 0x2d]]], tail: 'zero_or_more' }]);
    expect(regexShapes('^1[2-9]\\d{9}$', 'gy')?.length).toBe(1);
  });

  it.each([
    ['^a|b', ''], // top-level alternation: the second branch is unanchored
    ['a', ''], // unanchored start
    ['^a*', ''],
    ['^a+$', ''],
    ['^a{2,}$', ''],
    ['^.$', ''],
    ['^[^0]$', ''],
    ['^(?=1)1', ''],
    ['^(?<n>1)', ''],
    ['^\\w$', ''],
    ['^\\x41$', ''],
    ['^1$', 'i'],
    ['^1$', 'm'],
    ['^1$', 'u'],
    ['^1$', 'v'],
    ['^[\\d-x]$', ''],
    ['^a{', ''],
    ['^(1|2){7}$', ''], // 128 alternatives: too many
    ['^1$$', ''],
  ])('refuses %s /%s', (source, flags) => {
    expect(regexShapes(source, flags)).toBeUndefined();
  });

  it('matches exactly what the regex matches (random regexes, sampled, mutated and random strings)', () => {
    const rnd = prng(7);
    let converted = 0;
    let compared = 0;
    for (const { r, re } of compilableRegexes(rnd, ALPHABET, 3000, ['', '', '', 's', 'g', 'y', 'd', 'i', 'm', 'u'])) {
      const test = union(r.source, r.flags);
      if (/[imuv]/.test(r.flags)) {
        expect(test).toBeUndefined();
        continue;
      }
      if (!test) continue;
      converted++;
      const values: string[] = [];
      for (let k = 0; k < 12; k++) {
        const s = r.sample();
        values.push(s, s.slice(1), s.slice(0, -1), `${s}1`, `1${s}`, s.replace(/./, () => rnd.pick(ALPHABET)));
        values.push(Array.from({ length: rnd.int(6) }, () => rnd.pick(ALPHABET)).join(''));
      }
      for (const v of values) {
        if (test(v) !== re.test(v)) throw new Error(`/${r.source}/${r.flags} on ${JSON.stringify(v)}: shapes say ${test(v)}, regex ${re.test(v)}`);
        compared++;
      }
    }
    // The generator must reach the subset often enough for this to mean something.
    expect(converted).toBeGreaterThan(300);
    expect(compared).toBeGreaterThan(20_000);
  });
});
