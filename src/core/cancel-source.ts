import type { CancelListener, CancelSignal } from './cancel-signal';

/**
 * A {@link CancelSignal} that its owner cancels: the cheap stand-in for an
 * `AbortController` on hot paths. It keeps one listener in a slot and more
 * in a rarely used list (each wait registers one at a time), and calls each
 * once, in the order added, when cancelled. Node 20 gives every AbortSignal
 * an EventTarget whose hidden class is its own (heap snapshots: 1,000
 * signals, 1,000 maps) and dispatches an Event object on abort; a call's
 * waits listen here instead (bench/session: creating and aborting one
 * AbortSignal per call was ~4% of the runtime's CPU per call).
 */
export class CancelSource implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listener: CancelListener | undefined;
  private more: CancelListener[] | undefined;

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

  /** Cancels with `reason` (the first cancel wins); each listener is called once, as an AbortSignal's would be. */
  cancel(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
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
