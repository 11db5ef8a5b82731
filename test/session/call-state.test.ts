import { canTransition, CallState, isExit } from '../../src/session/call-state';
import { harness } from '../steps/support/harness';

describe('CallState', () => {
  const all = Object.values(CallState);

  it('a live call may end every way; an ended call never becomes live again', () => {
    for (const to of all) expect({ to, ok: canTransition(CallState.Live, to) }).toEqual({ to, ok: to !== CallState.Live });
    for (const from of all) expect({ from, ok: canTransition(from, CallState.Live) }).toEqual({ from, ok: false });
  });

  it('an exit the app asked for wins over a gone channel seen meanwhile; the first exit stays', () => {
    for (const exit of [CallState.HungUp, CallState.Transferred, CallState.Continued]) {
      expect(isExit(exit)).toBe(true);
      expect(canTransition(CallState.Gone, exit)).toBe(true);
      for (const to of all) expect({ exit, to, ok: canTransition(exit, to) }).toEqual({ exit, to, ok: false });
    }
    expect(isExit(CallState.Gone)).toBe(false);
    expect(isExit(CallState.Live)).toBe(false);
  });

  it('drives VoxtraCall: a hangup ends the call as hung_up, and nothing more is sent', async () => {
    const h = harness({ flows: { main: [] } });
    expect([h.call.ended, h.call.exitedBy]).toEqual([false, undefined]);
    await h.call.hangup('busy');
    expect([h.call.ended, h.call.exitedBy]).toEqual([true, 'hung_up']);
    await expect(h.call.answer()).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    expect(h.call.exitedBy).toBe('hung_up');
  });
});
