/**
 * Edit distance between two short strings, counting a swap of neighbours as
 * one edit (`sya` → `say`). With `cutoff`, gives up as soon as the distance
 * cannot be below it and returns `cutoff` (a distance at or above the cutoff
 * is not exact): an app with a thousand flows asks this for every unknown
 * name against every flow.
 */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  const n = b.length;
  // Three rows of the matrix: two back (for swaps), the previous one and the current one; reused between calls.
  if (rows[0].length <= n) rows = [new Uint16Array(n + 1), new Uint16Array(n + 1), new Uint16Array(n + 1)];
  let [back, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, back[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell comes from this row or the one before, plus a non-negative cost.
    if (Math.min(rowMin, minOf(prev, n)) >= cutoff) return cutoff;
    [back, prev, cur] = [prev, cur, back];
  }
  return prev[n];
}

let rows = [new Uint16Array(32), new Uint16Array(32), new Uint16Array(32)];

function minOf(row: Uint16Array, n: number): number {
  let m = row[0];
  for (let j = 1; j <= n; j++) if (row[j] < m) m = row[j];
  return m;
}

/**
 * The closest candidate to a misspelt name, when one is close enough to be
 * a plausible typo (about a third of the name may differ).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  let longest = name.length;
  for (const c of list) if (c.length > longest) longest = c.length;
  // A candidate scoring above every candidate's limit could only be the best when nothing is accepted.
  let bestScore = Math.max(1, Math.floor(longest / 3)) + 1;
  let best: string | undefined;
  const lower = name.toLowerCase();
  for (const c of list) {
    // The distance is at least the difference in length: such a candidate cannot beat the best so far.
    if (Math.abs(c.length - lower.length) >= bestScore) continue;
    const score = editDistance(lower, c.toLowerCase(), bestScore);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return bestScore <= limit ? best : undefined;
}

/** `did you mean "x"?` for a hint, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const best = closestName(name, candidates);
  return best === undefined ? undefined : `Did you mean "${best}"?`;
}
