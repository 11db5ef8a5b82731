import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import type { Outcome } from '../../src/core/outcome';
import type { Call, PlayResult } from '../../src/call/call-api';
import { VoxtraCall } from '../../src/session/call';
import { FlowRunner } from '../../src/session/flow-runner';
import { FakeCallControl } from '../helpers/fake-call-control';
import { channelInfo, drive, snapshotOf } from '../steps/support/harness';

function setup() {
  const clock = new FakeClock();
  const port = new FakeCallControl({ clock, defaultDurationMs: 1000, failing: ['sound:missing'] });
  const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo({ state: 'Up' }), snapshotVersion: 'v1', queuesContext: 'q' });
  const seen: Array<{ ok: PlayResult } | { failed: unknown }> = [];
  const end: Outcome<PlayResult> = { resolved: (ok) => void seen.push({ ok }), rejected: (failed) => void seen.push({ failed }) };
  return { clock, port, call, seen, end };
}

describe('VoxtraCall.playInto (what the play step waits in)', () => {
  it('reports done once the sound played, later, and nothing before', async () => {
    const { clock, call, seen, end } = setup();
    call.playInto('sound:beep', {}, end);
    expect(seen).toEqual([]);
    await flushAsync();
    clock.advance(999);
    await flushAsync();
    expect(seen).toEqual([]);
    clock.advance(1);
    await flushAsync();
    expect(seen).toEqual([{ ok: { status: 'done' } }]);
  });

  it('a digit interrupts an interruptible play (type-ahead too), the playback is stopped', async () => {
    const { clock, port, call, seen, end } = setup();
    call.playInto('sound:beep', { interruptible: '5' }, end);
    await flushAsync();
    port.press('4');
    port.press('5');
    await flushAsync();
    expect(seen).toEqual([{ ok: { status: 'interrupted', digit: '5' } }]);
    expect(port.calls.map((c) => c.op)).toEqual(['play', 'stopPlayback']);
    clock.advance(5000);
    await flushAsync();
    expect(seen).toHaveLength(1);
    call.playInto('sound:beep', { interruptible: true }, end);
    await flushAsync();
    expect(seen[1]).toEqual({ ok: { status: 'interrupted', digit: '4' } });
  });

  it('a media that cannot play is reported failed, not thrown', async () => {
    const { call, seen, end } = setup();
    call.playInto('sound:missing', {}, end);
    await flushAsync();
    expect(seen).toEqual([{ ok: { status: 'failed' } }]);
  });

  it('a hangup while playing and a bad media list are failures reported later', async () => {
    const { port, call, seen, end } = setup();
    expect(() => call.playInto([], {}, end)).not.toThrow();
    call.playInto('sound:beep', {}, end);
    await flushAsync();
    port.callerHangup();
    await flushAsync();
    expect(seen).toEqual([{ failed: expect.objectContaining({ code: 'STEP_FAILED' }) }, { failed: expect.objectContaining({ name: 'AbortError' }) }]);
    expect(port.listenerCount).toBe(0);
  });

  it('the play step on a Call without playInto goes through its promise', async () => {
    const clock = new FakeClock(0);
    const port = new FakeCallControl({ clock, defaultDurationMs: 100 });
    const snapshot = snapshotOf({ main: [{ play: 'sound:beep' }, 'hangup'] });
    const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo(), snapshotVersion: snapshot.version, queuesContext: 'q' });
    let promised = 0;
    const wrapped = new Proxy(call, {
      get(target, key) {
        if (key === 'playInto') return undefined;
        if (key === 'play') promised++;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Call;
    const result = await drive(clock, new FlowRunner({ call: wrapped, snapshot, clock }).run('main'));
    expect(promised).toBe(1);
    expect(result.outcome).toBe('hung_up');
    expect(port.calls.map((c) => c.op)).toEqual(['play', 'hangup']);
  });
});
