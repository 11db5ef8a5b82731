import { regexLiteralPrefix, regexLiteralSuffix } from '../../src/routing/regex-prefix';
import { prng } from './prng';
import { compilableRegexes, matchingSample } from './regex-gen';

const ALPHABET = ['0', '1', '9', '+', '-', 'x', 'a', '.', '(', '\\'];

describe('anchored regex literals (property)', () => {
  it('every string an anchored regex matches starts with its literal prefix and ends with its literal suffix', () => {
    const rnd = prng(13);
    let prefixes = 0;
    let suffixes = 0;
    for (const { r, re } of compilableRegexes(rnd, ALPHABET, 4000)) {
      const prefix = regexLiteralPrefix(r.source, r.flags);
      const suffix = regexLiteralSuffix(r.source, r.flags);
      if (prefix) prefixes++;
      if (suffix) suffixes++;
      if (!prefix && !suffix) continue;
      for (let k = 0; k < 20; k++) {
        const s = matchingSample(r, re);
        if (!s.startsWith(prefix)) throw new Error(`/${r.source}/${r.flags} matches ${JSON.stringify(s)}, not starting with ${JSON.stringify(prefix)}`);
        if (!s.endsWith(suffix)) throw new Error(`/${r.source}/${r.flags} matches ${JSON.stringify(s)}, not ending with ${JSON.stringify(suffix)}`);
      }
    }
    expect(prefixes).toBeGreaterThan(500);
    expect(suffixes).toBeGreaterThan(300);
  });
});
