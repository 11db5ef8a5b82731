import type { CancelSignal } from '../core/cancel-signal';
import { AbortError, type Clock } from '../core/clock';
import { Listeners, type AnyListener } from '../core/listeners';
import type { CallControl } from '../control/call-control';

/** Digits kept when nothing consumes them (the oldest are dropped beyond this). */
export const DEFAULT_DTMF_BUFFER_SIZE = 64;

/**
 * The call's type-ahead buffer. Every digit the caller presses lands here, so
 * digits typed while nothing listened (during a non-interruptible play, or
 * between steps) are still there for the next listen.
 */
export class DtmfBuffer {
  private readonly digits: string[] = [];
  private readonly watchers = new Listeners<string>();
  private control: CallControl | undefined;

  constructor(private readonly capacity = DEFAULT_DTMF_BUFFER_SIZE) {}

  get size(): number {
    return this.digits.length;
  }

  /** The buffered digits, oldest first. */
  get contents(): string {
    return this.digits.join('');
  }

  push(digit: string): void {
    this.digits.push(digit);
    if (this.digits.length > this.capacity) this.digits.shift();
    this.watchers.emit(digit);
  }

  /** Removes and returns the oldest digit. */
  take(): string | undefined {
    return this.digits.shift();
  }

  /** The oldest buffered digit accepted by `allowed`, without removing it. */
  find(allowed: (digit: string) => boolean): string | undefined {
    return this.digits.find(allowed);
  }

  clear(): void {
    this.digits.length = 0;
  }

  /**
   * Buffers every digit `control` hears until its call ends (its `ending`
   * fires) or {@link detach}. The buffer itself is the DTMF listener and the
   * abort listener: a call keeps no closure for either (bench/session heap snapshots).
   */
  attach(control: CallControl): void {
    this.detach();
    control.onDtmf(this);
    if (control.ending.aborted) return void control.offDtmf(this);
    this.control = control;
    control.ending.addEventListener('abort', this, { once: true });
  }

  /** Stops hearing the control's DTMF (idempotent). */
  detach(): void {
    const control = this.control;
    if (control === undefined) return;
    this.control = undefined;
    control.offDtmf(this);
    control.ending.removeEventListener('abort', this);
  }

  /** @internal A digit from the attached control. */
  notify(digit: string): void {
    this.push(digit);
  }

  /** @internal The attached control's call ended. */
  handleEvent(): void {
    this.detach();
  }

  /** Calls `fn` for each new digit (after it is buffered); returns an unsubscribe function. */
  watch(fn: AnyListener<string>): () => void {
    return this.watchers.add(fn);
  }

  /** {@link watch} without making the unsubscribe function: {@link unwatch} removes it. */
  addWatcher(listener: AnyListener<string>): void {
    this.watchers.on(listener);
  }

  /** Stops calling `fn` (as the function {@link watch} returned does). */
  unwatch(fn: AnyListener<string>): void {
    this.watchers.delete(fn);
  }

  /** Number of active watchers (tests check none are left behind). */
  get watcherCount(): number {
    return this.watchers.size;
  }

  /**
   * Takes the next digit, waiting up to `timeoutMs` for one. Resolves
   * undefined on timeout; rejects with AbortError when `signal` fires. The
   * timer, the watcher and the abort listener are always released.
   */
  next(clock: Clock, timeoutMs: number, signal: CancelSignal): Promise<string | undefined> {
    if (signal.aborted) return Promise.reject(new AbortError(undefined, signal.reason));
    const ready = this.take();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise<string | undefined>((resolve, reject) => {
      const done = (): void => {
        clock.clearTimeout(timer);
        unwatch();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        done();
        reject(new AbortError(undefined, signal.reason));
      };
      const unwatch = this.watch(() => {
        done();
        resolve(this.take());
      });
      const timer = clock.setTimeout(() => {
        done();
        resolve(undefined);
      }, timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
