/** What a cancellable wait calls when it is cancelled: a function, or an object with `handleEvent` (as DOM listeners). */
export type CancelListener = (() => void) | { handleEvent(): void };

/**
 * The part of `AbortSignal` a cancellable operation reads: whether and why
 * it was cancelled, and one `abort` listener at a time. `AbortSignal`
 * satisfies it; so do cheaper signals made per operation on hot paths (an
 * `AbortController` costs an EventTarget and its listener map, and each
 * listener added to it an event-listener record: see the ARI request
 * pipeline's `RequestDeadline`).
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: CancelListener, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: CancelListener): void;
}
