import type { Clock, TimerHandle } from '../../src/core/clock';
import { FakeClock } from '../../src/core/fake-clock';
import { EventLoopLag, LAG_PROBE_INTERVAL_MS } from '../../src/runtime/event-loop-lag';

/** A clock whose timers fire when the test says, at whatever time it says: a late timer is a lagging loop. */
class ManualClock implements Clock {
  time = 0;
  private timer: { fn: () => void; at: number } | undefined;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    this.timer = { fn, at: this.time + ms };
    return 1 as unknown as TimerHandle;
  }

  clearTimeout(): void {
    this.timer = undefined;
  }

  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** Fires the probe's timer `lateMs` after it was due. */
  fireLate(lateMs: number): void {
    const t = this.timer;
    if (!t) throw new Error('no timer armed');
    this.timer = undefined;
    this.time = t.at + lateMs;
    t.fn();
  }
}

describe('EventLoopLag', () => {
  it('is 0 on a clock that fires on time (a FakeClock never lags), and leaves no timer once stopped', () => {
    const clock = new FakeClock();
    const lag = new EventLoopLag(clock);
    lag.start();
    lag.start();
    expect(clock.pending).toBe(1);
    clock.advance(LAG_PROBE_INTERVAL_MS * 20);
    expect(lag.lagMs).toBe(0);
    lag.stop();
    expect(clock.pending).toBe(0);
  });

  it('reads the median delay of the last five probes: a single long pause does not count, a steady lag does', () => {
    const clock = new ManualClock();
    const lag = new EventLoopLag(clock);
    lag.start();
    clock.fireLate(900);
    expect(lag.lagMs).toBe(900);
    for (let i = 0; i < 4; i++) clock.fireLate(5);
    expect(lag.lagMs).toBe(5);
    for (let i = 0; i < 3; i++) clock.fireLate(300);
    expect(lag.lagMs).toBe(300);
    for (let i = 0; i < 5; i++) clock.fireLate(0);
    expect(lag.lagMs).toBe(0);
    lag.stop();
    expect(clock.armed).toBe(false);
  });

  it('averages the two middle probes while fewer than five are in', () => {
    const clock = new ManualClock();
    const lag = new EventLoopLag(clock);
    lag.start();
    clock.fireLate(100);
    clock.fireLate(300);
    expect(lag.lagMs).toBe(200);
  });
});
