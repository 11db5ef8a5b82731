import { AriGateway } from '../../src/ari/ari-gateway';
import type { IncomingCall } from '../../src/control/incoming-call';
import type { PlaybackEnd } from '../../src/control/call-control';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { AriSimulator } from '../../src/simulator';

/**
 * Asterisk answers 201 to a play of a missing `recording:` or an unknown
 * scheme, publishes PlaybackStarted, and then never PlaybackFinished (the
 * playback is just gone: GET 404). The simulator reproduces that, so these run
 * the adapter against it on a FakeClock.
 */
async function setup(opts: { playbackCheckMs?: number } = {}) {
  const clock = new FakeClock(1_800_000_000_000);
  const sim = AriSimulator.createInProcess({ clock });
  const transport = sim.createTransport();
  await transport.connect(['voxtra']);
  const gateway = new AriGateway({ server: 'sim', transport, apps: ['voxtra'], clock, ...opts });
  const calls: IncomingCall[] = [];
  gateway.onIncoming((c) => calls.push(c));
  const id = sim.placeCall({ extension: '1000' });
  for (let i = 0; i < 20 && calls.length === 0; i++) {
    clock.advance(10);
    await flushAsync();
  }
  expect(calls).toHaveLength(1);
  const control = calls[0].control;
  await control.answer();
  /** Advances simulated time in small steps, letting the adapter react between them. */
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      await flushAsync(3);
    }
  };
  return { clock, sim, transport, control, id, run };
}

function track(p: Promise<PlaybackEnd>): { end?: PlaybackEnd } {
  const box: { end?: PlaybackEnd } = {};
  void p.then((e) => (box.end = e));
  return box;
}

describe('AriCallControl: unfinished-playback watchdog', () => {
  it('settles a playback of a missing recording as failed once Asterisk no longer knows it', async () => {
    const { control, sim, id, run, clock } = await setup();
    const started = clock.now();
    const playback = await control.play(['recording:no-such-recording']);
    const box = track(playback.finished);
    await run(2900);
    expect(box.end).toBeUndefined(); // no PlaybackFinished, and the first check (3 s) has not run
    await run(1000);
    expect(box.end).toBe('failed');
    expect(clock.now() - started).toBeLessThan(4000);
    expect(sim.transcript(id).map((e) => e.kind)).toContain('playback-lost');
    await control.hangup();
  });

  it('settles an unknown scheme as failed too, at the configured interval', async () => {
    const { control, run } = await setup({ playbackCheckMs: 1000 });
    const playback = await control.play(['foo:bar']);
    const box = track(playback.finished);
    await run(1400);
    expect(box.end).toBeUndefined(); // the 404 came at 1 s; a PlaybackFinished may still be on its way for 500 ms
    await run(200);
    expect(box.end).toBe('failed');
    await control.hangup();
  });

  it('leaves a long playback alone: it is still there at every check, and finishes done', async () => {
    const { control, run } = await setup({ playbackCheckMs: 1000 });
    const playback = await control.play(['sound:tt-monkeys']); // 8.2 s
    const box = track(playback.finished);
    await run(8000);
    expect(box.end).toBeUndefined();
    await run(500);
    expect(box.end).toBe('done');
    await control.hangup();
  });

  it('with the check turned off, a lost playback waits until the caller hangs up (Asterisk’s own behaviour)', async () => {
    const { control, run, sim, id } = await setup({ playbackCheckMs: 0 });
    const playback = await control.play(['recording:no-such-recording']);
    const box = track(playback.finished);
    await run(10_000);
    expect(box.end).toBeUndefined();
    sim.hangup(id);
    await run(200);
    expect(box.end).toBe('hangup');
  });

  it('stops checking once the playback ended (no requests after PlaybackFinished)', async () => {
    const { control, run, transport } = await setup({ playbackCheckMs: 500 });
    const sent: string[] = [];
    const request = transport.request.bind(transport);
    transport.request = ((op, params, o) => {
      sent.push(op);
      return request(op, params, o);
    }) as typeof transport.request;
    const playback = await control.play(['sound:hello-world']); // 1.42 s
    const box = track(playback.finished);
    await run(1500);
    expect(box.end).toBe('done');
    const checks = sent.filter((op) => op === 'playbacks.get').length;
    expect(checks).toBeGreaterThanOrEqual(2); // every 0.5 s while it played
    await run(3000);
    expect(sent.filter((op) => op === 'playbacks.get').length).toBe(checks);
    await control.hangup();
  });
});
