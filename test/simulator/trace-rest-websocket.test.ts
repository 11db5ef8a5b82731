import { gap, isReply, isType, responseKeyOrder } from './helpers/frame-facts';
import { replayAndCompare } from './helpers/replay-suite';
import { acceptanceHooks } from './helpers/scenario-hooks';
import type { ReplayExtension } from './helpers/trace-replay';

const SCALE = 0.1;

/** The recording rig's extension 1000 for this trace ran Stasis at priority 1 (its StasisStart shows it). */
const restRig: ReplayExtension = {
  prepare: async () => ({ dialplan: { 'voxtra-in': { '1000': [{ app: 'Stasis', data: 'voxtra,${EXTEN}' }, { app: 'Hangup' }] } } }),
};

describe('recorded REST over WebSocket scenario', () => {
  jest.retryTimes(1, { logErrorsBeforeRetry: true });

  test('rest-over-websocket matches the recording: frames, order, key order, and the wait behind a playback', async () => {
    const { result: r, mismatches } = await replayAndCompare('rest-over-websocket', { hooks: acceptanceHooks, extension: restRig, timeScale: SCALE });
    expect(mismatches).toEqual([]);
    expect(responseKeyOrder(r, 'voxtra')).toEqual([]);
    const answered = r.sockets.get('voxtra')?.events.filter((f) => f.type === 'RESTResponse').map((f) => f.request_id) ?? [];
    // The binary frame got no answer; everything else did, in the order sent.
    expect(answered).not.toContain('rq-binary');
    expect(answered.length).toBe(r.trace.filter((l) => l.dir === 'event' && l.type === 'RESTResponse').length);
    // The variable set during the playback was answered when the playback ended (1.40 s recorded; 1.42 s of hello-world here).
    const held = gap(r, 'voxtra', SCALE, isType('PlaybackStarted'), isReply('rq-var-qs'));
    expect(held.trace).toBeCloseTo(1403.6, 0);
    expect(Math.abs((held.sim ?? 0) - 1420)).toBeLessThan(400);
    // ...with the ping behind it, right after it.
    const behind = gap(r, 'voxtra', SCALE, isReply('rq-var-qs'), isReply('rq-ping-during-play'));
    expect(behind.sim).toBeLessThan(200);
  });
});
