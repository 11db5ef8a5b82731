import type { Clock, TimerHandle } from '../core/clock';

interface Pending {
  readonly timer: TimerHandle;
  readonly run: () => Promise<void>;
}

/**
 * Runs work for a key once the keystrokes stop: each `schedule` restarts the
 * key's timer. `flush` runs a waiting job at once (a request that needs the
 * latest text does not wait for the timer). The clock is injected so tests
 * drive time themselves.
 */
export class Debouncer {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    /** Where a job's failure goes (jobs must not fail silently, nor take the server down). */
    private readonly onError: (err: unknown) => void,
  ) {}

  schedule(key: string, run: () => Promise<void>): void {
    const before = this.pending.get(key);
    if (before) this.clock.clearTimeout(before.timer);
    const timer = this.clock.setTimeout(() => void this.flush(key), this.delayMs);
    this.pending.set(key, { timer, run });
  }

  /** True when a job waits for its timer. */
  has(key: string): boolean {
    return this.pending.has(key);
  }

  /** Runs the key's waiting job now, if there is one. */
  async flush(key: string): Promise<void> {
    const job = this.pending.get(key);
    if (!job) return;
    this.pending.delete(key);
    this.clock.clearTimeout(job.timer);
    try {
      await job.run();
    } catch (err) {
      this.onError(err);
    }
  }

  /** Forgets every waiting job. */
  cancelAll(): void {
    for (const job of this.pending.values()) this.clock.clearTimeout(job.timer);
    this.pending.clear();
  }
}
