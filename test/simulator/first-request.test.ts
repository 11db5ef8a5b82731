import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { AriSimulator } from '../../src/simulator';
import { FirstRequestTracker } from '../../src/simulator/model/first-request';

describe('FirstRequestTracker', () => {
  it('times StasisStart → first request per channel; later requests and unknown ids do not count', () => {
    let now = 0;
    const t = new FirstRequestTracker(100, () => now);
    for (let i = 1; i <= 100; i++) t.stasisStarted(`c${i}`);
    for (let i = 1; i <= 100; i++) {
      now = i * 10;
      t.request(`c${i}`);
      t.request(`c${i}`);
    }
    t.request('never-started');
    // c_i waited i*10 ms: nearest-rank p50 is the 50th, p99 the 99th.
    expect(t.summary()).toEqual({ count: 100, p50Ms: 500, p99Ms: 990, maxMs: 1000, unanswered: 0 });
  });

  it('counts channels that leave Stasis before any request as unanswered, and reset forgets', () => {
    const t = new FirstRequestTracker(10, () => 0);
    t.stasisStarted('a');
    t.stasisEnded('a');
    t.stasisStarted('b');
    t.request('b');
    t.stasisEnded('b');
    expect(t.summary()).toMatchObject({ count: 1, unanswered: 1 });
    t.reset();
    expect(t.summary()).toEqual({ count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, unanswered: 0 });
  });

  it('keeps at most maxSamples, replacing the oldest', () => {
    let now = 0;
    const t = new FirstRequestTracker(2, () => now);
    for (const [id, wait] of [['a', 1], ['b', 2], ['c', 3]] as const) {
      t.stasisStarted(id);
      now += wait;
      t.request(id);
    }
    expect(t.summary()).toMatchObject({ count: 2, maxMs: 3, p50Ms: 2 });
  });
});

describe('simulator stats: firstRequest', () => {
  it('reports the first request naming each channel in stats()', async () => {
    const clock = new FakeClock(1_800_000_000_000);
    const sim = AriSimulator.createInProcess({ clock });
    const t = sim.createTransport();
    await t.connect(['voxtra']);
    const answered = sim.placeCall({ extension: '1000' });
    const ignored = sim.placeCall({ extension: '1001', script: [{ afterMs: 100, hangup: true }] });
    clock.advance(0);
    await flushAsync();
    await t.request('channels.answer', { channelId: answered });
    await t.request('channels.hangup', { channelId: answered });
    clock.advance(200);
    await flushAsync();
    expect(sim.stats().firstRequest).toMatchObject({ count: 1, unanswered: 1 });
    expect(sim.stats().firstRequest.p50Ms).toBeGreaterThanOrEqual(0);
    expect(sim.transcript(ignored).some((e) => e.kind === 'hangup' && e.by === 'caller')).toBe(true);
    await t.close();
  });
});
