import type { Clock, TimerHandle } from '../core/clock';

/** How often the probe runs, ms. */
export const LAG_PROBE_INTERVAL_MS = 100;
/** Probes the lag is the median of (half a second at the default interval). */
export const LAG_PROBE_WINDOW = 5;

/** What the runtime starts, stops and reads: an {@link EventLoopLag}, or a test's fixed reading. */
export interface LagProbe {
  /** The lag now, ms. */
  readonly lagMs: number;
  start(): void;
  stop(): void;
}

/**
 * The event-loop lag the call admission reads: a timer every
 * {@link LAG_PROBE_INTERVAL_MS} on the clock measures how late it fires, and
 * the lag is the median of the last {@link LAG_PROBE_WINDOW} delays. The
 * median, not the latest or the largest: one long pause (a full GC, a reload
 * compiling its route index) is over by the time the next call is read and
 * should not turn calls away, while a process that has more work than CPU is
 * late on every probe. A drift timer rather than `monitorEventLoopDelay`:
 * it runs on the injected clock, so tests drive it with a fake one, and a
 * `FakeClock` (`voxtra test`) never lags. Costs one timer per interval.
 */
export class EventLoopLag implements LagProbe {
  private readonly samples: number[] = [];
  private next = 0;
  private timer: TimerHandle | undefined;
  private due = 0;
  private current = 0;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs = LAG_PROBE_INTERVAL_MS,
    private readonly window = LAG_PROBE_WINDOW,
  ) {}

  /** The lag now, ms: the median delay of the last probes (0 before the first). */
  get lagMs(): number {
    return this.current;
  }

  /** Starts probing (again after {@link stop}). */
  start(): void {
    if (this.timer === undefined) this.arm();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.due = this.clock.now() + this.intervalMs;
    this.timer = this.clock.setTimeout(() => this.probe(), this.intervalMs);
  }

  private probe(): void {
    const delay = Math.max(0, this.clock.now() - this.due);
    if (this.samples.length < this.window) this.samples.push(delay);
    else this.samples[this.next] = delay;
    this.next = (this.next + 1) % this.window;
    this.current = median(this.samples);
    this.arm();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
