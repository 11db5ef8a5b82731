import { closestName, didYouMean, editDistance } from '../../src/diagnostics/did-you-mean';

/** The plain full-matrix distance (with neighbour swaps), to check the fast one against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sya', 'say')).toBe(1);
    expect(editDistance('transfer_to_queue', 'transfer_to_queu')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('agrees with the full-matrix distance, and below a cutoff gives the distance (at or above it, something at or above it)', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = (): string => Array.from({ length: Math.floor(rnd() * 10) }, () => 'abcAB-'[Math.floor(rnd() * 6)]).join('');
    for (let k = 0; k < 5000; k++) {
      const [a, b, cutoff] = [word(), word(), Math.floor(rnd() * 6)];
      const truth = reference(a, b);
      expect(editDistance(a, b)).toBe(truth);
      if (truth < cutoff) expect(editDistance(a, b, cutoff)).toBe(truth);
      else expect(editDistance(a, b, cutoff)).toBeGreaterThanOrEqual(cutoff);
    }
  });

  it('proposes the closest name only when it is a plausible typo', () => {
    expect(didYouMean('suport', ['sales', 'support', 'menu'])).toBe('Did you mean "support"?');
    expect(closestName('missing-flow-7', Array.from({ length: 1000 }, (_, i) => `f${i}`))).toBeUndefined();
    // The closest is too far to be accepted, so nothing is proposed, even though a farther one would pass its own limit.
    expect(closestName('abcdef', ['abcdxyz', 'zzzzzzzzzzzzzzzzzz'])).toBeUndefined();
    expect(closestName('menu', [])).toBeUndefined();
  });
});
