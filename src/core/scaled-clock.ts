import { systemClock, type Clock, type TimerHandle } from './clock';
import { VoxtraError } from './errors';

/**
 * A clock that runs faster (or slower) than the one under it, for demos and
 * end-to-end tests (`voxtra run --simulator --time-scale 0.02`) and for the
 * simulator's model of Asterisk. `scale` is real ms per simulated ms: with
 * 0.02, a 5 s menu timeout waits 100 real ms and `now()` advances 50
 * simulated ms per real ms, so the runtime and a simulator on the same scale
 * agree on how long things take.
 */
export class ScaledClock implements Clock {
  private readonly origin: number;
  private readonly startAt: number;

  /**
   * @param scale real ms per simulated ms (finite, > 0; 1 = real time)
   * @param base the clock that actually waits (default: the system clock)
   * @param startAt what `now()` says at construction (default: the base clock's time then)
   */
  constructor(
    readonly scale: number,
    private readonly base: Clock = systemClock,
    startAt?: number,
  ) {
    if (!Number.isFinite(scale) || scale <= 0) throw new VoxtraError('CONFIG_INVALID', `time scale must be a positive number (got ${scale})`);
    this.origin = base.now();
    this.startAt = startAt ?? this.origin;
  }

  /** Simulated ms (fractional): starts at `startAt` and then moves 1/scale times as fast as the base clock. */
  now(): number {
    return this.startAt + (this.base.now() - this.origin) / this.scale;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.base.setTimeout(fn, Math.max(0, ms) * this.scale);
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }

  /** Simulated ms that correspond to `realMs` real ms (keeps a real-time deadline when handing it to code on this clock). */
  fromReal(realMs: number): number {
    return realMs / this.scale;
  }
}
