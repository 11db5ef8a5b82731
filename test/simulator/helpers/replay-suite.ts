import { compareReplay, type Allowances } from './trace-compare';
import { replayTrace } from './trace-replay';

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
