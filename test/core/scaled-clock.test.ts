import { sleep } from '../../src/core/clock';
import { isVoxtraError } from '../../src/core/errors';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { ScaledClock } from '../../src/core/scaled-clock';

describe('ScaledClock', () => {
  it('waits ms × scale on the base clock', async () => {
    const base = new FakeClock(1_000);
    const clock = new ScaledClock(0.02, base);
    const done = jest.fn();
    void sleep(clock, 5_000).then(done);
    base.advance(99);
    await flushAsync(1);
    expect(done).not.toHaveBeenCalled();
    base.advance(1);
    await flushAsync(1);
    expect(done).toHaveBeenCalled();
  });

  it('moves now() 1/scale simulated ms per base ms, starting at the base time', () => {
    const base = new FakeClock(1_700_000_000_000);
    const clock = new ScaledClock(0.02, base);
    expect(clock.now()).toBe(1_700_000_000_000);
    base.advance(10);
    expect(clock.now()).toBe(1_700_000_000_500);
    expect(clock.fromReal(10)).toBe(500);
  });

  it('agrees with itself: a timer of N simulated ms fires when now() has moved N', () => {
    const base = new FakeClock();
    const clock = new ScaledClock(0.5, base);
    const start = clock.now();
    let firedAt: number | undefined;
    clock.setTimeout(() => (firedAt = clock.now()), 300);
    base.advance(150);
    expect(firedAt).toBe(start + 300);
  });

  it('cancels through the base clock', () => {
    const base = new FakeClock();
    const clock = new ScaledClock(0.1, base);
    const fn = jest.fn();
    const t = clock.setTimeout(fn, 100);
    clock.clearTimeout(t);
    base.advance(1_000);
    expect(fn).not.toHaveBeenCalled();
    expect(base.pending).toBe(0);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses scale %p', (scale) => {
    let caught: unknown;
    try {
      new ScaledClock(scale, new FakeClock());
    } catch (err) {
      caught = err;
    }
    expect(isVoxtraError(caught, 'CONFIG_INVALID')).toBe(true);
  });
});

describe('ScaledClock (simulator use)', () => {
  it('starts at a given epoch and keeps the scale from there', () => {
    const base = new FakeClock(5_000);
    const clock = new ScaledClock(0.01, base, 1_700_000_000_000);
    expect(clock.now()).toBe(1_700_000_000_000);
    base.advance(28);
    expect(clock.now()).toBeCloseTo(1_700_000_002_800, 6);
  });

  it('cancels a timer on the base clock; a negative wait fires at once', () => {
    const base = new FakeClock();
    const clock = new ScaledClock(0.5, base);
    const fired: string[] = [];
    const t = clock.setTimeout(() => fired.push('cancelled'), 10);
    clock.setTimeout(() => fired.push('now'), -5);
    clock.clearTimeout(t);
    base.advance(100);
    expect(fired).toEqual(['now']);
    expect(base.pending).toBe(0);
  });
});
