/**
 * Where an operation that ends later reports how it ended, once: its value
 * or its failure. Neither method may throw.
 *
 * A promise chain costs a promise, a reaction, a closure and its context per
 * link for as long as the operation waits; a call waits in its digit
 * collection for most of its life, so the links that wait there are objects
 * that implement this instead (bench/session heap snapshots).
 */
export interface Outcome<T> {
  resolved(value: T): void;
  rejected(err: unknown): void;
}

/** An {@link Outcome} read as a promise, for callers that await. */
export class PromisedOutcome<T> implements Outcome<T> {
  readonly promise: Promise<T>;
  private resolve!: (value: T) => void;
  private reject!: (err: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  resolved(value: T): void {
    this.resolve(value);
  }

  rejected(err: unknown): void {
    this.reject(err);
  }
}

/**
 * Reports `value` to `outcome` on a later microtask, as a resolved promise's
 * reaction would run: never from inside the caller that finished the work.
 */
export function resolveLater<T>(outcome: Outcome<T>, value: T): void {
  queueMicrotask(() => outcome.resolved(value));
}

/** Reports `err` to `outcome` on a later microtask (see {@link resolveLater}). */
export function rejectLater(outcome: Outcome<unknown>, err: unknown): void {
  queueMicrotask(() => outcome.rejected(err));
}

/** Reports how `promise` settles to `outcome`. */
export function settleInto<T>(promise: Promise<T>, outcome: Outcome<T>): void {
  promise.then(
    (value) => outcome.resolved(value),
    (err: unknown) => outcome.rejected(err),
  );
}
