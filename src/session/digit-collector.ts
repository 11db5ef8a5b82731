import type { CancelSignal } from '../core/cancel-signal';
import { AbortError, type Clock, type TimerHandle } from '../core/clock';
import { PromisedOutcome, rejectLater, resolveLater, type Outcome } from '../core/outcome';
import type { DtmfBuffer } from './dtmf-buffer';

export interface CollectOptions {
  readonly maxDigits: number;
  readonly minDigits: number;
  /** Wait for the first digit, ms. */
  readonly firstTimeoutMs: number;
  /** Wait between digits, ms. */
  readonly interDigitTimeoutMs: number;
  /** Ends input early and is not kept; '' for none. */
  readonly terminator: string;
  /** True ends input at once (after the digit was added). */
  readonly complete?: (digits: string) => boolean;
}

export interface CollectResult {
  digits: string;
  status: 'ok' | 'timeout';
  /** What ended the input. */
  reason: 'max_digits' | 'terminator' | 'complete' | 'timeout';
}

/**
 * Collects digits from the call's buffer (digits already buffered count
 * first). `timeout` means the caller did not complete a valid entry: no
 * digit at all, or fewer than `minDigits` before the timeout or terminator.
 * Rejects with AbortError when `signal` fires.
 */
export function collectDigits(buffer: DtmfBuffer, clock: Clock, signal: CancelSignal, opts: CollectOptions): Promise<CollectResult> {
  const end = new PromisedOutcome<CollectResult>();
  new DigitCollection(buffer, clock, signal, opts, end);
  return end.promise;
}

/**
 * {@link collectDigits} reporting to `end` instead of a promise, on a later
 * microtask (never from inside this call nor from inside the event that
 * ended the input): what a call keeps while it waits is this collection and
 * `end`, not a promise chain.
 */
export function collectDigitsInto(buffer: DtmfBuffer, clock: Clock, signal: CancelSignal, opts: CollectOptions, end: Outcome<CollectResult>): void {
  new DigitCollection(buffer, clock, signal, opts, end);
}

/**
 * One collection as a small state machine: one object, one watcher on the
 * buffer and one abort listener for the whole input, and a timer re-armed
 * per digit; it reports to an {@link Outcome}. A call spends most of its life waiting for
 * digits; a loop awaiting a promise per digit kept an async frame, a promise
 * and four closures alive per waiting call, and added and removed an abort
 * listener per digit (bench/calls heap snapshots and CPU profile).
 */
class DigitCollection {
  private digits = '';
  private timer: TimerHandle | undefined;
  private listening = false;
  private done = false;
  private readonly onTimer = (): void => this.timedOut();

  constructor(
    private readonly buffer: DtmfBuffer,
    private readonly clock: Clock,
    private readonly signal: CancelSignal,
    private readonly opts: CollectOptions,
    private readonly end: Outcome<CollectResult>,
  ) {
    this.take();
  }

  /** The call's signal fired: the input is abandoned. */
  handleEvent(): void {
    this.fail(new AbortError(undefined, this.signal.reason));
  }

  /** A digit arrived in the buffer (the collection is its watcher: no closure per collection). */
  notify(): void {
    this.take();
  }

  /** Takes every buffered digit, then waits for the next one (or ends). */
  private take(): void {
    if (this.done) return;
    if (this.signal.aborted) return this.fail(new AbortError(undefined, this.signal.reason));
    for (let digit = this.buffer.take(); digit !== undefined; digit = this.buffer.take()) {
      let end: CollectResult | undefined;
      try {
        end = this.add(digit);
      } catch (err) {
        return this.fail(err);
      }
      if (end) return this.finish(end);
    }
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(this.onTimer, this.digits === '' ? this.opts.firstTimeoutMs : this.opts.interDigitTimeoutMs);
    if (!this.listening) {
      this.listening = true;
      this.buffer.addWatcher(this);
      this.signal.addEventListener('abort', this, { once: true });
    }
  }

  /** One digit; the result when it ends the input. */
  private add(digit: string): CollectResult | undefined {
    const { opts } = this;
    if (opts.terminator !== '' && digit === opts.terminator) {
      return { digits: this.digits, status: this.digits.length >= opts.minDigits ? 'ok' : 'timeout', reason: 'terminator' };
    }
    this.digits += digit;
    if (this.digits.length >= opts.maxDigits) return { digits: this.digits, status: this.enough() ? 'ok' : 'timeout', reason: 'max_digits' };
    if (opts.complete?.(this.digits)) return { digits: this.digits, status: 'ok', reason: 'complete' };
    return undefined;
  }

  private timedOut(): void {
    this.timer = undefined;
    this.finish({ digits: this.digits, status: this.enough() ? 'ok' : 'timeout', reason: 'timeout' });
  }

  private enough(): boolean {
    return this.digits.length > 0 && this.digits.length >= this.opts.minDigits;
  }

  private finish(result: CollectResult): void {
    this.release();
    resolveLater(this.end, result);
  }

  private fail(err: unknown): void {
    this.release();
    rejectLater(this.end, err);
  }

  /** The timer, the watcher and the abort listener are always released. */
  private release(): void {
    this.done = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.listening) {
      this.listening = false;
      this.buffer.unwatch(this);
      this.signal.removeEventListener('abort', this);
    }
  }
}
