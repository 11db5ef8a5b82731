import { timedFrames } from './helpers/frame-facts';
import { replayAndCompare } from './helpers/replay-suite';
import { tracesDialplan } from './helpers/readme-dialplan';
import { acceptanceHooks } from './helpers/scenario-hooks';

const SCALE = 0.1;

/** T1 - T0 (ms) of each call voxtra-obs received after StasisBroadcast(), by STASISSTATUS. */
function afterBroadcast(side: Array<[number, Record<string, unknown>]>): Array<[string, number]> {
  return side
    .filter(([, e]) => e.type === 'StasisStart' && (e.args as string[])[0] === 'after-broadcast')
    .map(([, e]) => {
      const a = e.args as string[];
      return [a[1], Math.round((Number(a[3]) - Number(a[2])) * 1000)];
    });
}

describe('recorded StasisBroadcast scenario', () => {
  jest.retryTimes(1, { logErrorsBeforeRetry: true });

  test('stasis-broadcast matches the recording', async () => {
    const { result: r, mismatches } = await replayAndCompare('stasis-broadcast', {
      hooks: acceptanceHooks,
      timeScale: SCALE,
      extension: { prepare: async () => ({ dialplan: tracesDialplan() }) },
    });
    expect(mismatches).toEqual([]);
    const obs = timedFrames(r, 'obs', SCALE);
    const traced = afterBroadcast(obs.trace);
    const sim = afterBroadcast(obs.sim);
    expect(traced.map(([s]) => s)).toEqual(['SUCCESS', 'TIMEOUT', 'FAILED']);
    expect(sim.map(([s]) => s)).toEqual(['SUCCESS', 'TIMEOUT', 'FAILED']);
    // Nobody claims: TIMEOUT after the 1500 ms timeout (1.502 s recorded).
    expect(traced[1][1]).toBe(1502);
    expect(Math.abs(sim[1][1] - 1500)).toBeLessThan(400);
    // A claim for an app that is not registered: FAILED within a few ms of the broadcast (5 ms recorded).
    expect(sim[2][1]).toBeLessThan(400);
  }, 60_000);
});
