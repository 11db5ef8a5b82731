import { allFound, diffLists, matchSubsequence, renderSubsequence } from '../../src/testing/list-diff';

const same = (a: string, b: string): boolean => a === b;
const show = { expected: (s: string) => s, actual: (s: string) => s };

describe('list diffs', () => {
  it('diffs whole lists: kept, expected only (-), actual only (+)', () => {
    expect(diffLists(['a', 'b', 'c'], ['a', 'x', 'c', 'd'], same, show).map((d) => `${d.sign}${d.text}`)).toEqual([' a', '+x', '-b', ' c', '+d']);
    expect(diffLists([], ['a'], same, show)).toEqual([{ sign: '+', text: 'a' }]);
    expect(diffLists(['a'], ['a'], same, show)).toEqual([{ sign: ' ', text: 'a' }]);
  });

  it('finds expected items in order, skipping a missing one so later ones still match', () => {
    const actual = ['a', 'b', 'c', 'd'];
    expect(matchSubsequence(['a', 'c'], actual, same)).toEqual([0, 2]);
    expect(matchSubsequence(['c', 'a'], actual, same)).toEqual([2, -1]);
    expect(matchSubsequence(['a', 'z', 'd'], actual, same)).toEqual([0, -1, 3]);
    expect(allFound(matchSubsequence(['b', 'd'], actual, same))).toBe(true);
  });

  it('shows a missing item after the item its predecessor matched', () => {
    const actual = ['a', 'b', 'c'];
    const expected = ['z', 'b', 'y'];
    const lines = renderSubsequence(expected, actual, matchSubsequence(expected, actual, same), show).map((d) => `${d.sign}${d.text}`);
    expect(lines).toEqual(['-z', ' a', ' b', '-y', ' c']);
  });
});
