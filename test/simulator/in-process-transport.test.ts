import { isVoxtraError } from '../../src/core/errors';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import type { AriEvent } from '../../src/ari/transport';
import { AriSimulator } from '../../src/simulator';

describe('in-process ARI transport', () => {
  const setup = async (): Promise<{ clock: FakeClock; sim: AriSimulator; t: ReturnType<AriSimulator['createTransport']>; events: AriEvent[]; states: string[] }> => {
    const clock = new FakeClock(1_800_000_000_000);
    const sim = AriSimulator.createInProcess({ clock });
    const t = sim.createTransport({ name: 'sim-a' });
    const events: AriEvent[] = [];
    const states: string[] = [];
    t.onEvent((e) => events.push(e));
    t.onState((s) => states.push(s));
    await t.connect(['voxtra']);
    return { clock, sim, t, events, states };
  };

  test('requests before connect are refused as not connected', async () => {
    const sim = AriSimulator.createInProcess({ clock: new FakeClock(0) });
    const t = sim.createTransport();
    await expect(t.request('asterisk.ping')).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });
  });

  test('answers arrive on a later microtask, copied like JSON off the wire', async () => {
    const { t } = await setup();
    let settled = false;
    const p = t.request<{ ping: string }>('asterisk.ping').then((r) => {
      settled = true;
      return r;
    });
    expect(settled).toBe(false);
    expect(await p).toMatchObject({ ping: 'pong', asterisk_id: '02:fc:00:00:00:01' });
    expect(t.state).toBe('connected');
  });

  test('ARI errors reject with ARI_REQUEST_FAILED carrying status and message', async () => {
    const { t } = await setup();
    const err = await t.request('channels.get', { channelId: 'nope' }).catch((e: unknown) => e);
    expect(isVoxtraError(err, 'ARI_REQUEST_FAILED')).toBe(true);
    expect((err as Error).message).toBe('channels.get failed: 404 Channel not found');
    expect((err as { details: unknown }).details).toEqual({ status: 404, message: 'Channel not found', operation: 'channels.get' });
    const alloc = await t.request('channels.originate', { endpoint: 'Bogus/x', app: 'voxtra' }).catch((e: unknown) => e);
    expect((alloc as { details: unknown }).details).toEqual({ status: 500, message: 'Allocation failed', operation: 'channels.originate' });
  });

  test('events for its apps reach listeners; a call works end to end in simulated time', async () => {
    const { clock, sim, t, events } = await setup();
    const id = sim.placeCall({ extension: '1000', callerNumber: '555' });
    clock.advance(0);
    await flushAsync();
    expect(events.map((e) => e.type)).toEqual(['StasisStart']);
    expect(events[0]).toMatchObject({ application: 'voxtra', args: ['1000'], channel: { id, state: 'Ring', caller: { number: '555' } } });
    await t.request('channels.answer', { channelId: id });
    const pb = await t.request<{ id: string; state: string }>('channels.play', { channelId: id, media: 'sound:beep' });
    expect(pb.state).toBe('queued');
    clock.advance(440);
    await flushAsync();
    expect(events.map((e) => e.type)).toEqual(['StasisStart', 'ChannelStateChange', 'PlaybackStarted', 'PlaybackFinished']);
    await t.request('channels.hangup', { channelId: id, reason: 'busy' });
    await flushAsync();
    expect(events.slice(-2).map((e) => e.type)).toEqual(['ChannelHangupRequest', 'StasisEnd']);
  });

  test('a dropped events connection reconnects after the delay, without replaying what it missed', async () => {
    const { clock, sim, t, events, states } = await setup();
    const id = sim.placeCall({ extension: '1000' });
    clock.advance(0);
    await flushAsync();
    sim.dropEventSockets();
    expect(t.state).toBe('connecting');
    await t.request('channels.answer', { channelId: id });
    await flushAsync();
    expect(events.map((e) => e.type)).toEqual(['StasisStart']);
    clock.advance(100);
    await flushAsync();
    expect(t.state).toBe('connected');
    expect(states).toEqual(['connected', 'disconnected', 'connecting', 'connected']);
    await t.request('channels.setChannelVar', { channelId: id, variable: 'X', value: '1' });
    await flushAsync();
    expect(events.map((e) => e.type)).toEqual(['StasisStart', 'ChannelVarset']);
  });

  test('a second transport for the same app replaces the first', async () => {
    const { sim, t, events } = await setup();
    const other = sim.createTransport({ name: 'sim-b' });
    await other.connect(['voxtra']);
    await flushAsync();
    expect(events.map((e) => e.type)).toEqual(['ApplicationReplaced']);
    expect(t.state).toBe('replaced');
    expect(other.state).toBe('connected');
  });

  test('stop ends calls like a shutdown and refuses requests until restart', async () => {
    const { clock, sim, t, events } = await setup();
    sim.placeCall({ extension: '1000' });
    clock.advance(0);
    await flushAsync();
    await sim.stop();
    await flushAsync();
    expect(events.slice(1).map((e) => [e.type, e.cause, e.soft])).toEqual([
      ['ChannelHangupRequest', 4, true],
      ['ChannelHangupRequest', 0, undefined],
      ['StasisEnd', undefined, undefined],
    ]);
    await expect(t.request('asterisk.ping')).rejects.toMatchObject({ code: 'ARI_TRANSPORT' });
    clock.advance(500);
    await flushAsync();
    expect(t.state).toBe('connecting');
    await sim.restart();
    clock.advance(100);
    await flushAsync();
    expect(t.state).toBe('connected');
    await expect(t.request('channels.list')).resolves.toEqual([]);
    await t.close();
    expect(t.state).toBe('closed');
    await expect(t.request('asterisk.ping')).rejects.toMatchObject({ code: 'ARI_NOT_CONNECTED' });
  });
});
