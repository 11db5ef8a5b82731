import { AriGateway } from '../../src/ari/ari-gateway';
import type { IncomingCall } from '../../src/control/incoming-call';
import type { PlaybackEnd } from '../../src/control/call-control';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import type { Outcome } from '../../src/core/outcome';
import { AriSimulator } from '../../src/simulator';

async function answeredCall() {
  const clock = new FakeClock(1_800_000_000_000);
  const sim = AriSimulator.createInProcess({ clock });
  const transport = sim.createTransport();
  await transport.connect(['voxtra']);
  const gateway = new AriGateway({ server: 'sim', transport, apps: ['voxtra'], clock });
  const calls: IncomingCall[] = [];
  gateway.onIncoming((c) => calls.push(c));
  sim.placeCall({ extension: '1000' });
  for (let i = 0; i < 20 && calls.length === 0; i++) {
    clock.advance(10);
    await flushAsync();
  }
  const control = calls[0].control;
  await control.answer();
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 50) {
      clock.advance(50);
      await flushAsync(3);
    }
  };
  return { control, run };
}

function recorder(): Outcome<PlaybackEnd> & { seen: string[] } {
  const seen: string[] = [];
  return { seen, resolved: (end) => void seen.push(end), rejected: (err) => void seen.push(`failed ${String(err)}`) };
}

describe('AriPlayback.whenFinished (what a call waits on while its sound plays)', () => {
  it('reports the end to every waiter, as finished resolves, on a later microtask', async () => {
    const { control, run } = await answeredCall();
    const playback = await control.play(['sound:beep']);
    const first = recorder();
    const second = recorder();
    playback.whenFinished?.(first);
    playback.whenFinished?.(second);
    const finished = playback.finished;
    await run(2000);
    expect(first.seen).toEqual(['done']);
    expect(second.seen).toEqual(['done']);
    await expect(finished).resolves.toBe('done');
    // After the end: reported later, never from inside the call; `finished` read late resolves the same.
    const late = recorder();
    playback.whenFinished?.(late);
    expect(late.seen).toEqual([]);
    await flushAsync(1);
    expect(late.seen).toEqual(['done']);
    await expect(playback.finished).resolves.toBe('done');
    await control.hangup();
  });

  it('reports stopped after stop(), and hangup when the channel goes first', async () => {
    const { control, run } = await answeredCall();
    const stopped = await control.play(['sound:beep']);
    const a = recorder();
    stopped.whenFinished?.(a);
    await stopped.stop();
    await run(100);
    expect(a.seen).toEqual(['stopped']);
    const cut = await control.play(['sound:beep']);
    const b = recorder();
    cut.whenFinished?.(b);
    await control.hangup();
    await run(500);
    expect(b.seen).toEqual(['hangup']);
  });
});
