import type { Clock, TimerHandle } from '../../../src/core/clock';

/** A clock that counts the timers set on it and not yet fired or cleared (leak checks). */
export class CountingClock implements Clock {
  private readonly pendingTimers = new Set<TimerHandle>();

  constructor(private readonly base: Clock) {}

  get pending(): number {
    return this.pendingTimers.size;
  }

  now(): number {
    return this.base.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = this.base.setTimeout(() => {
      this.pendingTimers.delete(handle);
      fn();
    }, ms);
    this.pendingTimers.add(handle);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pendingTimers.delete(handle);
    this.base.clearTimeout(handle);
  }
}
