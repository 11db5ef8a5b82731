/** One line of a rendered diff: kept (`' '`), expected only (`'-'`), or actual only (`'+'`). */
export interface DiffLine {
  readonly sign: ' ' | '-' | '+';
  readonly text: string;
}

/**
 * A unified-diff-like comparison of two whole lists (longest common
 * subsequence under `same`): what both have, what only the expectation has
 * (`-`), what only the run has (`+`).
 */
export function diffLists<E, A>(expected: readonly E[], actual: readonly A[], same: (e: E, a: A) => boolean, show: { expected: (e: E) => string; actual: (a: A) => string }): DiffLine[] {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j]: length of the longest common subsequence of expected[i..] and actual[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = same(expected[i], actual[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(expected[i], actual[j])) {
      out.push({ sign: ' ', text: show.actual(actual[j]) });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push({ sign: '+', text: show.actual(actual[j]) });
      j++;
    } else {
      out.push({ sign: '-', text: show.expected(expected[i]) });
      i++;
    }
  }
  return out;
}

/** Where each expected item was found in `actual` (in order), or -1 when it was not. */
export type SubsequenceMatch = readonly number[];

/**
 * Finds expected items in order in `actual` (others may come between),
 * greedily; an item not found is skipped, so later items can still match.
 */
export function matchSubsequence<E, A>(expected: readonly E[], actual: readonly A[], same: (e: E, a: A) => boolean): SubsequenceMatch {
  const at: number[] = [];
  let from = 0;
  for (const e of expected) {
    let j = from;
    while (j < actual.length && !same(e, actual[j])) j++;
    if (j < actual.length) {
      at.push(j);
      from = j + 1;
    } else {
      at.push(-1);
    }
  }
  return at;
}

/** True when every expected item was found. */
export function allFound(match: SubsequenceMatch): boolean {
  return match.every((j) => j >= 0);
}

/**
 * Renders a subsequence match: the whole actual list as context, with each
 * expected item that was not found shown as `-` where it should have been
 * (after the actual item the previous expected item matched).
 */
export function renderSubsequence<E, A>(expected: readonly E[], actual: readonly A[], match: SubsequenceMatch, show: { expected: (e: E) => string; actual: (a: A) => string }): DiffLine[] {
  const missingAfter = new Map<number, E[]>();
  let last = -1;
  expected.forEach((e, i) => {
    if (match[i] >= 0) last = match[i];
    else missingAfter.set(last, [...(missingAfter.get(last) ?? []), e]);
  });
  const out: DiffLine[] = [];
  const insert = (j: number): void => {
    for (const e of missingAfter.get(j) ?? []) out.push({ sign: '-', text: show.expected(e) });
  };
  insert(-1);
  actual.forEach((a, j) => {
    out.push({ sign: ' ', text: show.actual(a) });
    insert(j);
  });
  return out;
}
