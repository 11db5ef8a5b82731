/** A listener of a {@link Listeners} set: one or two arguments (`B` is usually `void`). */
export type Listener<A, B = void> = (a: A, b: B) => void;

// Shared by every set that has no listener: most never get one (a call's DTMF listeners outside menus).
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
  private list: Listener<A, B>[] = EMPTY as Listener<A, B>[];
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
    return this.list.length;
  }

  /** Adds a listener (once: adding it again changes nothing). Returns its unsubscribe function. */
  add(listener: Listener<A, B>): () => void {
    // The first one in a list of its own size: most sets hold one listener (a call's DTMF), and a push onto an
    // empty array reserves room for 17 (~150 bytes a call in progress keeps, bench/session heap snapshots).
    if ((this.list as readonly unknown[]) === EMPTY) this.list = [listener];
    else if (!this.list.includes(listener)) this.writable().push(listener);
    return () => {
      this.delete(listener);
    };
  }

  /** Removes a listener; false when it was not there. */
  delete(listener: Listener<A, B>): boolean {
    const i = this.list.indexOf(listener);
    if (i < 0) return false;
    this.writable().splice(i, 1);
    return true;
  }

  clear(): void {
    this.list = EMPTY as Listener<A, B>[];
  }

  /** Calls every listener with `a` (and `b`). */
  emit(a: A, b: B): void {
    const list = this.list;
    if (list.length === 0) return;
    let failed = false;
    let failure: unknown;
    this.emitting++;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i](a, b);
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
  private writable(): Listener<A, B>[] {
    if (this.emitting > 0 || (this.list as readonly unknown[]) === EMPTY) this.list = this.list.slice();
    return this.list;
  }
}

/** For listener sets whose owner drops a listener's failure on purpose. */
export const ignoreListenerError = (): void => undefined;
