import { gap, isType, responseKeyOrder, timedFrames } from './helpers/frame-facts';
import { refusalSpacing, refusals, upgradeMismatches } from './helpers/outbound-facts';
import { outboundReplay, type OutboundFacts } from './helpers/outbound-replay';
import { replayAndCompare } from './helpers/replay-suite';
import { acceptanceHooks } from './helpers/scenario-hooks';
import type { ReplayResult } from './helpers/trace-replay';

const SCALE = 0.1;
/** Simulated-ms tolerance for timing facts: real scheduling jitter on a loaded machine, scaled up by 1/SCALE. */
const SLACK = 400;
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const types = (r: ReplayResult, socket: string): string[] => (r.sockets.get(socket)?.events ?? []).map((f) => String(f.type));
const tracedTypes = (r: ReplayResult, socket: string): string[] => r.trace.flatMap((l) => (l.dir === 'event' && l.socket === socket ? [l.type] : []));
const within = (value: number | undefined, expected: number, slack = SLACK): boolean => value !== undefined && Math.abs(value - expected) <= slack;

describe('recorded outbound WebSocket scenarios', () => {
  jest.retryTimes(1, { logErrorsBeforeRetry: true });

  test('outbound-persistent matches the recording', async () => {
    const facts: { current?: OutboundFacts } = {};
    const extension = outboundReplay(
      {
        id: 'voxtra-out',
        prefix: 'out',
        config: { uri: '/voxtra/persistent', connectionType: 'persistent', apps: ['voxtra-out'], protocols: 'ari', username: 'asterisk-out', password: 'pw', connectionTimeoutMs: 500, reconnectIntervalMs: 1500, reconnectAttempts: 4 },
        addedAt: /^cli: module reload res_ari\.so/,
        removedAt: /^removing \[voxtra-out\]/,
      },
      facts,
    );
    const { result: r, mismatches } = await replayAndCompare('outbound-persistent', { hooks: acceptanceHooks, extension, timeScale: SCALE });
    const f = facts.current as OutboundFacts;
    expect(mismatches).toEqual([]);
    expect(upgradeMismatches(r.trace, f, basic('asterisk-out', 'pw'))).toEqual([]);
    for (const s of ['out-1', 'out-2', 'out-3', 'out-14']) expect(responseKeyOrder(r, s)).toEqual([]);
    // After each outage the queued frames come first, in order, then a fresh ApplicationRegistered.
    expect(types(r, 'out-2').slice(0, 4)).toEqual(tracedTypes(r, 'out-2').slice(0, 4));
    expect(types(r, 'out-3').slice(0, 2)).toEqual(['ChannelVarset', 'ApplicationRegistered']);
    // The replayed StasisStart keeps its original timestamp (about 3.8 s before the new ApplicationRegistered).
    const age = (side: Array<[number, Record<string, unknown>]>): number => {
      const ts = (type: string): number => Date.parse(String(side.find(([, e]) => e.type === type)?.[1].timestamp).replace('+0000', 'Z'));
      return ts('ApplicationRegistered') - ts('StasisStart');
    };
    const out2 = timedFrames(r, 'out-2', SCALE);
    expect(within(age(out2.sim), age(out2.trace), 600)).toBe(true);
    // 401 and 503 refusals: retried with the same request every reconnect_interval (the count may differ by one with jitter).
    for (const status of [401, 503]) {
      const n = refusals(r.trace, f, status);
      expect(Math.abs(n.sim - n.trace)).toBeLessThanOrEqual(1);
      const spacing = refusalSpacing(r.trace, f, status);
      for (const d of spacing.sim) expect(within(d, 1500)).toBe(true);
    }
    // The first attempt after the server's close frame follows at once.
    const out3 = f.aliases.get('out-3');
    const firstRefused = f.sockets.find((s) => s.outcome !== 'open' && s.outcome.refused === 401);
    expect(((firstRefused?.requestedAt ?? Infinity) - (out3?.closedAt ?? 0)) / SCALE).toBeLessThan(SLACK);
  }, 60_000);

  test('outbound-per-call matches the recording', async () => {
    const facts: { current?: OutboundFacts } = {};
    const extension = outboundReplay(
      {
        id: 'voxtra-pc',
        prefix: 'pc',
        config: { uri: '/voxtra/per-call?tenant=acme', connectionType: 'per_call_config', apps: ['voxtra-pc'], protocols: 'ari', username: 'asterisk-pc', password: 'pw', connectionTimeoutMs: 500, reconnectIntervalMs: 1000, reconnectAttempts: 3 },
      },
      facts,
    );
    const { result: r, mismatches } = await replayAndCompare('outbound-per-call', { hooks: acceptanceHooks, extension, timeScale: SCALE });
    const f = facts.current as OutboundFacts;
    expect(mismatches).toEqual([]);
    expect(upgradeMismatches(r.trace, f, basic('asterisk-pc', 'pw'))).toEqual([]);
    for (const s of ['pc-1', 'pc-2', 'pc-3', 'pc-4', 'pc-5']) {
      expect(responseKeyOrder(r, s)).toEqual([]);
      // ApplicationRegistered at open, StasisStart about 500 ms later.
      const wait = gap(r, s, SCALE, isType('ApplicationRegistered'), isType('StasisStart'));
      expect(within(wait.trace, 497, 60)).toBe(true);
      expect(within(wait.sim, 500)).toBe(true);
      // Asterisk closes with 1000 about 3.5 s after StasisEnd.
      const sock = f.aliases.get(s);
      const end = timedFrames(r, s, SCALE).sim.find(([, e]) => e.type === 'StasisEnd')?.[0];
      expect(within(((sock?.closedAt ?? 0) / SCALE) - (end ?? 0), 3500)).toBe(true);
    }
    // Server down, then answering 503: Stasis() returned FAILED 2.5 s after it began (T1 - T0 from the fallback's args).
    const failedAfter = (side: Array<[number, Record<string, unknown>]>): number[] =>
      side.filter(([, e]) => e.type === 'StasisStart' && (e.args as string[])[1] === 'FAILED').map(([, e]) => Math.round((Number((e.args as string[])[3]) - Number((e.args as string[])[2])) * 1000));
    const obs = timedFrames(r, 'obs', SCALE);
    expect(failedAfter(obs.trace)).toEqual([2501, 2501]);
    expect(failedAfter(obs.sim).map((ms) => within(ms, 2500))).toEqual([true, true]);
    const n503 = refusals(r.trace, f, 503);
    expect(n503).toEqual({ trace: 3, sim: 3 });
    for (const d of refusalSpacing(r.trace, f, 503).sim) expect(within(d, 1000)).toBe(true);
  }, 60_000);
});
