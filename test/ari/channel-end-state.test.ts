import { ChannelEndState as S, channelEndTransition, hasEnded } from '../../src/ari/channel-end-state';

describe('a channel end state machine', () => {
  const legal: Array<[S, S]> = [
    [S.Live, S.HangupRequested],
    [S.Live, S.Gone],
    [S.Live, S.Ended],
    [S.Gone, S.HangupRequested],
    [S.Gone, S.Ended],
    [S.HangupRequested, S.Ended],
    [S.Ended, S.Released],
  ];

  test.each(legal)('%s -> %s is legal', (from, to) => {
    expect(channelEndTransition(from, to)).toBe(to);
  });

  test('every other move is refused, staying put included', () => {
    const all = Object.values(S);
    for (const from of all) {
      for (const to of all) {
        if (legal.some(([f, t]) => f === from && t === to)) continue;
        expect(() => channelEndTransition(from, to)).toThrow(`illegal channel end transition: ${from} -> ${to}`);
      }
    }
  });

  test('ended once ended settled', () => {
    expect(Object.values(S).filter(hasEnded)).toEqual([S.Ended, S.Released]);
  });
});
