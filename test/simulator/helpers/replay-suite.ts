import { compareReplay, type Allowances, type Mismatch } from './trace-compare';
import { replayTrace, type ReplayOptions, type ReplayResult } from './trace-replay';

/**
 * Registers one test per recorded scenario: replay it against a fresh
 * simulator over HTTP/WebSocket and require no difference from the
 * recording (beyond `allow`, each entry documented in docs/simulator.md).
 */
export function describeReplays(title: string, scenarios: readonly string[], allow: Allowances = {}): void {
  // Replays run on real timers at a small time scale; one retry absorbs a scheduler stall on a loaded machine
  // (a real difference fails both attempts, and the first attempt's errors are logged).
  jest.retryTimes(1, { logErrorsBeforeRetry: true });
  describe(title, () => {
    test.each(scenarios)('%s matches the recording', async (name) => {
      const result = await replayTrace(name);
      const requests = result.trace.filter((l) => l.dir === 'request').length;
      expect(result.responses.size).toBe(requests);
      const mismatches = compareReplay(result, allow).map((m) => `${m.where}: ${m.detail}`);
      expect(mismatches).toEqual([]);
    });
  });
}

/**
 * Replays one scenario with scenario-specific options and returns the
 * replay plus every difference from the recording (beyond `allow`), for
 * tests that check more than the generic comparison.
 */
export async function replayAndCompare(name: string, opts: ReplayOptions, allow: Allowances = {}): Promise<{ result: ReplayResult; mismatches: string[] }> {
  const result = await replayTrace(name, opts);
  const mismatches = compareReplay(result, allow).map((m: Mismatch) => `${m.where}: ${m.detail}`);
  return { result, mismatches };
}
