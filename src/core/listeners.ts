/** A listener of a {@link Listeners} set: one or two arguments (`B` is usually `void`). */
export type Listener<A, B = void> = (a: A, b: B) => void;

/**
 * A listener that is an object: `notify` is called on it. An owner made per
 * call registers itself instead of a closure per instance (a closure and its
 * context were ~100 bytes a call in progress keeps: bench/session heap snapshots).
 */
export interface ListenerObject<A, B = void> {
  notify(a: A, b: B): void;
}

/** What a {@link Listeners} set holds: a function or a {@link ListenerObject}. */
export type AnyListener<A, B = void> = Listener<A, B> | ListenerObject<A, B>;

// Shared by every set with at most one listener: most never get a second.
const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * The listeners of one kind of news (events, state changes, digits). `add`
 * returns the unsubscribe function; `emit` calls every listener present when
 * it started, in the order they were added, and isolates a throwing one:
 * the others still run, and the error goes to `onError` (which logs it the
 * way its owner wants) or, without `onError`, is rethrown once all have run.
 *
 * `emit` allocates nothing and never copies: adding or removing while an
 * emit runs copies the list first (copy on write), which is rare.
 */
export class Listeners<A = void, B = void> {
  // The first listener has a slot of its own and the others a list: most sets hold one (a call's DTMF), and a
  // list of one was ~50 bytes a call in progress keeps per set (bench/session heap snapshots). Never a `rest`
  // without a `first`.
  private first: AnyListener<A, B> | undefined;
  private rest: AnyListener<A, B>[] = EMPTY as AnyListener<A, B>[];
  private emitting = 0;

  /**
   * @param onError gets what a listener threw, with the arguments it was called with
   * @param receiver `this` for `onError`: an owner made per call passes a method of its prototype and itself, not a closure
   */
  constructor(
    private readonly onError?: (err: unknown, a: A, b: B) => void,
    private readonly receiver?: unknown,
  ) {}

  /** Listeners registered now (leak checks expect it back at zero). */
  get size(): number {
    return this.first === undefined ? 0 : 1 + this.rest.length;
  }

  /** Adds a listener (once: adding it again changes nothing). Returns its unsubscribe function. */
  add(listener: AnyListener<A, B>): () => void {
    this.on(listener);
    return () => {
      this.delete(listener);
    };
  }

  /** Adds a listener, as {@link add} does, without making its unsubscribe function: {@link delete} removes it. */
  on(listener: AnyListener<A, B>): void {
    if (this.first === undefined) this.first = listener;
    else if (this.first !== listener && !this.rest.includes(listener)) this.writable().push(listener);
  }

  /** Removes a listener; false when it was not there. */
  delete(listener: AnyListener<A, B>): boolean {
    if (this.first === listener) {
      // The next one takes the slot, so the order stays the order of adding.
      if (this.rest.length === 0) this.first = undefined;
      else {
        this.first = this.rest[0];
        this.writable().splice(0, 1);
      }
      return true;
    }
    const i = this.rest.indexOf(listener);
    if (i < 0) return false;
    this.writable().splice(i, 1);
    return true;
  }

  clear(): void {
    this.first = undefined;
    this.rest = EMPTY as AnyListener<A, B>[];
  }

  /** Calls every listener with `a` (and `b`). */
  emit(a: A, b: B): void {
    const first = this.first;
    if (first === undefined) return;
    const rest = this.rest;
    let failed = false;
    let failure: unknown;
    this.emitting++;
    for (let i = -1; i < rest.length; i++) {
      try {
        const listener = i < 0 ? first : rest[i];
        if (typeof listener === 'function') listener(a, b);
        else listener.notify(a, b);
      } catch (err) {
        if (this.onError) this.onError.call(this.receiver, err, a, b);
        else if (!failed) {
          failed = true;
          failure = err;
        }
      }
    }
    this.emitting--;
    if (failed) throw failure;
  }

  /** The list to change: a fresh copy when an emit is iterating it (or it is the shared empty one). */
  private writable(): AnyListener<A, B>[] {
    if (this.emitting > 0 || (this.rest as readonly unknown[]) === EMPTY) this.rest = this.rest.slice();
    return this.rest;
  }
}

/** For listener sets whose owner drops a listener's failure on purpose. */
export const ignoreListenerError = (): void => undefined;
