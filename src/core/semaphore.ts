import type { CancelSignal } from './cancel-signal';
import { AbortError, systemClock, type Clock } from './clock';
import { VoxtraError } from './errors';

type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  reject: (err: Error) => void;
  signal?: CancelSignal;
  onAbort?: () => void;
  /** When it was queued (the semaphore's clock, ms). */
  queuedAt: number;
}

/**
 * A FIFO counting semaphore with abortable waits. The ARI transport bounds its
 * requests in flight per server with one (so the keep-alive pool stays small
 * and Asterisk's `sessionlimit` is never hit), the TTS service its concurrent
 * syntheses.
 */
export class Semaphore {
  private active = 0;
  private highWater = 0;
  private readonly waiters: Waiter[] = [];

  /** `clock` times the waits ({@link oldestWaitMs}); only a caller that has to wait reads it. */
  constructor(
    readonly limit: number,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new VoxtraError('CONFIG_INVALID', `semaphore limit must be a positive integer, got ${limit}`);
  }

  /** Holders right now. */
  get inFlight(): number {
    return this.active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiters.length;
  }

  /** Most holders ever seen at once. */
  get peak(): number {
    return this.highWater;
  }

  /** How long the oldest caller still waiting has waited at `now` (on the semaphore's clock), ms; 0 when nobody waits. */
  oldestWaitMs(now: number): number {
    // FIFO: the head is the oldest (an aborted waiter leaves the queue).
    return this.waiters.length === 0 ? 0 : Math.max(0, now - this.waiters[0].queuedAt);
  }

  /** A slot at once when one is free and nobody waits (no promise, no turn of the event loop), else undefined. */
  tryAcquire(): Release | undefined {
    return this.active < this.limit && this.waiters.length === 0 ? this.take() : undefined;
  }

  /** Waits for a slot (first come, first served); rejects with AbortError if `signal` fires first. */
  acquire(signal?: CancelSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(new AbortError(undefined, signal.reason));
    if (this.active < this.limit && this.waiters.length === 0) return Promise.resolve(this.take());
    return new Promise<Release>((grant, reject) => {
      const waiter: Waiter = { grant, reject, signal, queuedAt: this.clock.now() };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new AbortError(undefined, signal.reason));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  private take(): Release {
    this.active++;
    if (this.active > this.highWater) this.highWater = this.active;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.next();
    };
  }

  private next(): void {
    while (this.active < this.limit && this.waiters.length > 0) {
      const waiter = this.waiters.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.grant(this.take());
    }
  }
}
