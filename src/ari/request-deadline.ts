import type { Clock, TimerHandle } from '../core/clock';
import { CancelSource } from '../core/cancel-source';
import { VoxtraError } from '../core/errors';
import type { AriOperation } from './transport';

/**
 * One ARI request's deadline and cancel signal: aborted with
 * `ARI_TIMEOUT` when `timeoutMs` passes on the clock. It replaces an
 * `AbortController` per request (see {@link CancelSource}), and builds its
 * error only if the deadline passes (bench/calls CPU profile at 200
 * calls/s: AbortController creation, and adding and removing listeners on
 * its EventTarget, were ~0.6% of the runtime's time, and its signal the
 * largest object a request kept alive).
 */
export class RequestDeadline extends CancelSource {
  private readonly timer: TimerHandle;

  constructor(
    private readonly clock: Clock,
    private readonly op: AriOperation,
    private readonly timeoutMs: number,
  ) {
    super();
    this.timer = clock.setTimeout(() => this.expire(), timeoutMs);
  }

  /** The request settled: the timer goes, nothing fires. */
  done(): void {
    this.clock.clearTimeout(this.timer);
  }

  private expire(): void {
    this.cancel(new VoxtraError('ARI_TIMEOUT', `${this.op} got no answer within ${this.timeoutMs} ms`, { operation: this.op, timeoutMs: this.timeoutMs }));
  }
}
