import { parseAsteriskPattern, shapeTest } from '../../src/routing/asterisk-pattern';

function matcher(pattern: string): (value: string) => boolean {
  const parsed = parseAsteriskPattern(pattern);
  if (!parsed.ok) throw new Error(`${pattern}: ${parsed.message}`);
  return (value) => parsed.regex.test(value);
}

describe('parseAsteriskPattern: Asterisk semantics', () => {
  it('X, Z and N are digit classes (either case)', () => {
    const m = matcher('_NXXXXXX');
    expect(m('2345678')).toBe(true);
    expect(m('1345678')).toBe(false); // N is 2-9
    expect(m('0345678')).toBe(false);
    expect(m('234567')).toBe(false); // too short
    expect(m('23456789')).toBe(false); // too long
    expect(matcher('_zx')('10')).toBe(true);
    expect(matcher('_zx')('01')).toBe(false);
    expect(matcher('_nxx')('200')).toBe(true);
    expect(matcher('_nxx')('199')).toBe(false);
  });

  it('matches the North American dial plan examples from the Asterisk docs', () => {
    const nanp = matcher('_1NXXNXXXXXX');
    expect(nanp('12125551234')).toBe(true);
    expect(nanp('11125551234')).toBe(false);
    expect(nanp('12121551234')).toBe(false);
    const intl = matcher('_011.');
    expect(intl('011442079460000')).toBe(true);
    expect(intl('011')).toBe(false); // "." needs at least one more character
  });

  it('"." is one or more of anything, "!" zero or more', () => {
    expect(matcher('_X.')('1')).toBe(false);
    expect(matcher('_X.')('12')).toBe(true);
    expect(matcher('_X.')('1abc#*')).toBe(true);
    expect(matcher('_0!')('0')).toBe(true);
    expect(matcher('_0!')('0123')).toBe(true);
    expect(matcher('_0!')('1')).toBe(false);
    expect(matcher('_.')('')).toBe(false);
    expect(matcher('_!')('')).toBe(true);
  });

  it('sets hold literal characters and ranges', () => {
    const m = matcher('_[125-7a]X');
    for (const ok of ['10', '29', '50', '79', 'a0']) expect(m(ok)).toBe(true);
    for (const bad of ['30', '40', '80', 'b0', 'A0']) expect(m(bad)).toBe(false);
    expect(matcher('_[-5]')('-')).toBe(true); // "-" first is literal
    expect(matcher('_[5-]')('-')).toBe(true); // "-" last is literal
    expect(matcher('_[5-]')('4')).toBe(false);
    expect(matcher('_[[]1')('[1')).toBe(true); // "[" inside a set is literal
    expect(matcher('_1[]2')('12')).toBe(true); // Asterisk ignores an empty set
  });

  it('ignores "-" and spaces outside sets as separators', () => {
    const m = matcher('_1-800-NXX-XXXX');
    expect(m('18005551234')).toBe(true);
    // The value is compared as is: dashes in the value are not separators.
    expect(m('1-800-555-1234')).toBe(false);
    expect(matcher('_1 2')('12')).toBe(true);
  });

  it('treats other characters as case-sensitive literals, regex metacharacters included', () => {
    expect(matcher('_+1NXX')('+1200')).toBe(true);
    expect(matcher('_+1NXX')('11200')).toBe(false);
    expect(matcher('_*98')('*98')).toBe(true);
    expect(matcher('_#')('#')).toBe(true);
    expect(matcher('_a(b)$')('a(b)$')).toBe(true);
    expect(matcher('_sip')('SIP')).toBe(false);
    expect(matcher('_]')(']')).toBe(true);
  });

  it('reads text without a leading "_" as a literal extension', () => {
    expect(matcher('1000')('1000')).toBe(true);
    expect(matcher('1000')('1001')).toBe(false);
    expect(matcher('NXX')('NXX')).toBe(true);
    expect(matcher('NXX')('200')).toBe(false);
    expect(matcher('10-00')('1000')).toBe(true);
    expect(matcher('1.')('1.')).toBe(true);
  });

  it('reports the literal prefix used to bucket patterns', () => {
    const prefix = (p: string): string => {
      const r = parseAsteriskPattern(p);
      return r.ok ? r.literalPrefix : '<error>';
    };
    expect(prefix('_1-800-NXX')).toBe('1800');
    expect(prefix('_[5]XX')).toBe('5');
    expect(prefix('_NXX')).toBe('');
    expect(prefix('_+265.')).toBe('+265');
    expect(prefix('1000')).toBe('1000');
  });

  it('refuses malformed patterns with an offset', () => {
    expect(parseAsteriskPattern('_1[23')).toEqual({ ok: false, message: expect.stringContaining('not closed'), offset: 2 });
    expect(parseAsteriskPattern('_[9-0]')).toEqual({ ok: false, message: expect.stringContaining('reversed'), offset: 2 });
    expect(parseAsteriskPattern('_1X.5')).toEqual({ ok: false, message: expect.stringContaining('nothing may follow'), offset: 4 });
    expect(parseAsteriskPattern('_1!X')).toMatchObject({ ok: false, offset: 3 });
    expect(parseAsteriskPattern('_12/345')).toMatchObject({ ok: false, offset: 3 });
    expect(parseAsteriskPattern('_')).toMatchObject({ ok: false, offset: 0 });
    expect(parseAsteriskPattern('')).toMatchObject({ ok: false, offset: 0 });
    expect(parseAsteriskPattern('_X.-').ok).toBe(true); // trailing separators are fine
  });
});

describe('shapeTest', () => {
  it('accepts exactly what the pattern regex accepts', () => {
    const patterns = ['_1XXX', '_NXX.', '_0!', '_[1-3a]Z', '_+1NXX', '_!', '_X.', '_[02468][13579]', '1000', '_a[b-d]!'];
    const alphabet = ['0', '1', '2', '3', '5', '9', 'a', 'b', '+', '\n'];
    const words: string[] = [''];
    for (let len = 1; len <= 4; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of alphabet) words.push(w + c);
    for (const p of patterns) {
      const parsed = parseAsteriskPattern(p);
      if (!parsed.ok) throw new Error(p);
      const test = shapeTest(parsed.shape);
      for (const w of words) if (test(w) !== parsed.regex.test(w)) throw new Error(`${p} disagrees on ${JSON.stringify(w)}`);
    }
    expect(words.length).toBeGreaterThan(10_000);
  });
});
