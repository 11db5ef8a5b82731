import type { Clock, TimerHandle } from '../../core/clock';

/**
 * Simulated time over an injected clock. Durations inside the model are in
 * simulated milliseconds; they take `ms * timeScale` on the real (or fake)
 * clock, so a 2.8 s prompt lasts 28 ms at timeScale 0.01.
 */
export class SimClock {
  private readonly clockStart: number;

  constructor(
    readonly clock: Clock,
    readonly timeScale: number,
    private readonly epochMs: number,
  ) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
    this.clockStart = clock.now();
  }

  /** Simulated wall-clock time in epoch ms (fractional). */
  now(): number {
    return this.epochMs + (this.clock.now() - this.clockStart) / this.timeScale;
  }

  /** Runs `fn` after `simMs` simulated milliseconds. */
  after(simMs: number, fn: () => void): TimerHandle {
    return this.clock.setTimeout(fn, Math.max(0, simMs) * this.timeScale);
  }

  cancel(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.clock.clearTimeout(handle);
  }
}
