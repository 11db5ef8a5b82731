import { VoxtraError } from '../core/errors';
import type { FakeClock } from '../core/fake-clock';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Drives a {@link FakeClock} for `voxtra test`: between timers, everything
 * the runtime does in reaction (promise chains, the in-process transport's
 * microtasks) runs to completion before time moves on. Work that touches the
 * real world (the first text-to-speech render of a phrase reads and writes
 * files) is `track`ed, and time waits for it, so results never depend on how
 * fast the machine is.
 */
export class VirtualTime {
  private readonly pending = new Set<Promise<void>>();
  /** Timers fired so far (a bound against runaway loops). */
  fired = 0;

  constructor(readonly clock: FakeClock) {}

  /** Makes time wait for `work`. */
  track<T>(work: Promise<T>): Promise<T> {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    return work;
  }

  /**
   * Lets every reaction to what happened so far run, tracked work included.
   * Tracked work that waits on simulated time would wait forever; after
   * `realLimitMs` of real time that is an error rather than a hang.
   */
  async settle(realLimitMs = 30_000): Promise<void> {
    for (;;) {
      await nextTurn();
      if (this.pending.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new VoxtraError('TEST_STALLED', `work outside simulated time did not finish within ${realLimitMs} ms of real time`)), realLimitMs);
      });
      try {
        await Promise.race([Promise.all([...this.pending]), limit]);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** Due time of the next timer, if any. */
  nextAt(): number | undefined {
    return this.clock.nextAt();
  }

  /** Fires the earliest timer (moving time to it); false when none is pending. */
  fireNext(): boolean {
    const fired = this.clock.fireNext();
    if (fired) this.fired++;
    return fired;
  }

  /** Settles, then fires timers one at a time (settling after each) until `done()` or `deadline` (clock time). */
  async runUntil(done: () => boolean, deadline: number): Promise<boolean> {
    await this.settle();
    while (!done()) {
      const next = this.nextAt();
      if (next === undefined || next > deadline) return false;
      this.fireNext();
      await this.settle();
    }
    return true;
  }
}
