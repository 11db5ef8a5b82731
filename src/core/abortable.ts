import type { CancelSignal } from './cancel-signal';
import { AbortError } from './clock';

/**
 * Waits for `promise`, but rejects with AbortError as soon as `signal` fires
 * (or at once if it has), after calling `onAbort` (e.g. to stop work nobody
 * waits for any more). The
 * abort listener is removed either way, so nothing outlives the wait.
 */
export function untilAborted<T>(promise: Promise<T>, signal: CancelSignal, onAbort?: () => void): Promise<T> {
  if (signal.aborted) {
    onAbort?.();
    return Promise.reject(new AbortError(undefined, signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort?.();
      reject(new AbortError(undefined, signal.reason));
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(err);
      },
    );
  });
}
