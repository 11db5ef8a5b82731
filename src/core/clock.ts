import type { CancelSignal } from './cancel-signal';

/** Opaque timer handle returned by a {@link Clock}. */
export type TimerHandle = { readonly __timer: unique symbol } | number | object;

/**
 * Time as the runtime sees it. Everything that waits goes through a Clock so
 * tests can inject a fake one and run a 5-second timeout in microseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch (or since the fake clock's start). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The process clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    // Timers never keep the process alive on their own: shutdown is explicit.
    t.unref?.();
    return t as unknown as TimerHandle;
  },
  clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
};

/** Error thrown by waits that were cancelled through an AbortSignal. */
export class AbortError extends Error {
  readonly code = 'ABORTED';
  constructor(message = 'operation aborted', readonly reason?: unknown) {
    super(message);
    this.name = 'AbortError';
  }
}

/** Throws an {@link AbortError} when the signal has already fired. */
export function throwIfAborted(signal?: CancelSignal): void {
  if (signal?.aborted) throw new AbortError(undefined, signal.reason);
}

/**
 * Resolves after `ms` on `clock`, or rejects with {@link AbortError} as soon as
 * `signal` aborts. The timer and the abort listener are always released.
 */
export function sleep(clock: Clock, ms: number, signal?: CancelSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError(undefined, signal.reason));
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(new AbortError(undefined, signal?.reason));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
