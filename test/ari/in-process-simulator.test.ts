import { createAriServer } from '../../src/ari/ari-server';
import type { IncomingCall } from '../../src/control/incoming-call';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { AriSimulator } from '../../src/simulator';

describe('ARI adapter over the simulator’s in-process transport on a FakeClock', () => {
  it('runs a call (answer, play, DTMF, hangup) in simulated time only', async () => {
    const clock = new FakeClock(1_800_000_000_000);
    const sim = AriSimulator.createInProcess({ clock });
    const ari = createAriServer({ name: 'sim', apps: ['voxtra'], transport: sim.createTransport(), clock, random: () => 0 });
    const calls: IncomingCall[] = [];
    ari.gateway.onIncoming((c) => calls.push(c));
    ari.supervisor.start();
    await flushAsync();
    expect(ari.supervisor.status.state).toBe('connected');

    const id = sim.placeCall({ extension: '1000', script: [{ afterMs: 1000, dtmf: '7' }] });
    for (let i = 0; i < 20 && calls.length === 0; i++) {
      clock.advance(100);
      await flushAsync();
    }
    expect(calls).toHaveLength(1);
    const control = calls[0].control;
    const digits: string[] = [];
    control.onDtmf((d) => digits.push(d));
    await control.answer();
    const playback = await control.play(['sound:vm-nobodyavail']);
    let end: string | undefined;
    void playback.finished.then((e) => (end = e));
    clock.advance(1500);
    await flushAsync();
    expect(digits).toEqual(['7']);
    expect(end).toBeUndefined(); // a 2.8 s prompt is still playing
    clock.advance(2000);
    await flushAsync();
    expect(end).toBe('done');
    await control.hangup();
    await flushAsync();
    await expect(control.ended).resolves.toMatchObject({ kind: 'hangup', by: 'app' });
    expect(sim.transcript(id).map((e) => e.kind)).toEqual(expect.arrayContaining(['answered', 'playback-finished', 'dtmf-received', 'hangup']));
    expect(ari.gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
    await ari.supervisor.stop();
    await sim.stop();
  });
});
