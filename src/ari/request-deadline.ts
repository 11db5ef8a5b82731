import type { Clock, TimerHandle } from '../core/clock';
import type { CancelListener, CancelSignal } from '../core/cancel-signal';
import { VoxtraError } from '../core/errors';
import type { AriOperation } from './transport';

/**
 * One ARI request's deadline and cancel signal: aborted with
 * `ARI_TIMEOUT` when `timeoutMs` passes on the clock. It replaces an
 * `AbortController` per request: the executors (and the request semaphore)
 * register one abort listener at a time, so it keeps a single slot and a
 * rarely used overflow list, and builds its error only if the deadline
 * passes (bench/calls CPU profile at 200 calls/s: AbortController creation,
 * and adding and removing listeners on its EventTarget, were ~0.6% of the
 * runtime's time, and its signal the largest object a request kept alive).
 */
export class RequestDeadline implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listener: CancelListener | undefined;
  private more: CancelListener[] | undefined;
  private readonly timer: TimerHandle;

  constructor(
    private readonly clock: Clock,
    private readonly op: AriOperation,
    private readonly timeoutMs: number,
  ) {
    this.timer = clock.setTimeout(() => this.expire(), timeoutMs);
  }

  addEventListener(_type: 'abort', listener: CancelListener): void {
    if (this.aborted) return;
    if (this.listener === undefined) this.listener = listener;
    else (this.more ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: CancelListener): void {
    if (this.listener === listener) this.listener = undefined;
    else if (this.more !== undefined) {
      const i = this.more.indexOf(listener);
      if (i >= 0) this.more.splice(i, 1);
    }
  }

  /** The request settled: the timer goes, nothing fires. */
  done(): void {
    this.clock.clearTimeout(this.timer);
  }

  private expire(): void {
    this.aborted = true;
    this.reason = new VoxtraError('ARI_TIMEOUT', `${this.op} got no answer within ${this.timeoutMs} ms`, { operation: this.op, timeoutMs: this.timeoutMs });
    // As an AbortSignal's: each listener is called once.
    const first = this.listener;
    const more = this.more;
    this.listener = undefined;
    this.more = undefined;
    if (first !== undefined) call(first);
    if (more !== undefined) for (const listener of more) call(listener);
  }
}

function call(listener: CancelListener): void {
  if (typeof listener === 'function') listener();
  else listener.handleEvent();
}
