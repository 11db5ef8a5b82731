import type { Clock, TimerHandle } from './clock';

interface FakeTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A manual clock for tests and for `voxtra test`'s simulated time. Timers run
 * only when the clock is advanced, in due-time order (ties in creation order).
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { id, at: this.current + Math.max(0, ms), seq: id, fn });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  /** Due time of the earliest timer, if any. */
  nextAt(): number | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers.values()) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best?.at;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time to `at`, firing every timer due by then, in order. */
  advanceTo(at: number): void {
    for (;;) {
      const next = this.takeNextDue(at);
      if (!next) break;
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = Math.max(this.current, at);
  }

  /** Fires the earliest timer only (moving time to it). Returns false when none is pending. */
  fireNext(): boolean {
    const at = this.nextAt();
    if (at === undefined) return false;
    const t = this.takeNextDue(at);
    if (!t) return false;
    this.current = Math.max(this.current, t.at);
    t.fn();
    return true;
  }

  private takeNextDue(limit: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers.values()) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    if (best) this.timers.delete(best.id);
    return best;
  }
}

/**
 * Lets every queued promise callback and immediate run. Use between fake-clock
 * advances so async code reacts before time moves on.
 */
export async function flushAsync(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
