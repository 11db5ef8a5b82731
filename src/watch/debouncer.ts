import type { Clock, TimerHandle } from '../core/clock';

/** What happened to a file, as the watcher reports it. */
export type ChangeReason = 'add' | 'change' | 'unlink';

/** One burst of file changes: `paths[i]` changed for `reasons[i]`; paths sorted, each once. */
export interface ChangeBatch {
  paths: string[];
  reasons: ChangeReason[];
}

export interface DebouncerOptions {
  clock: Clock;
  /** Quiet time after the last event before the burst is delivered. */
  delayMs: number;
  /** Longest a burst is held while events keep coming. Default max(5000, 4 × delayMs). */
  maxWaitMs?: number;
  /** Receives each burst. While a returned promise is pending, later bursts wait and merge. */
  onFlush(batch: ChangeBatch): void | Promise<void>;
  /** Receives what `onFlush` throws or rejects with. */
  onError(err: unknown): void;
}

interface PathState {
  first: ChangeReason;
  last: ChangeReason;
}

/**
 * Collapses bursts of file events into single batches. Pure apart from the
 * injected clock, so it is tested with a fake one.
 *
 * A path seen several times in one burst is reported once with its net
 * reason: anything ending in `unlink` is `unlink`; deleted then recreated is
 * `change`; created (and maybe written) is `add`; otherwise `change`.
 */
export class ChangeDebouncer {
  private readonly states = new Map<string, PathState>();
  private timer: TimerHandle | undefined;
  private burstStart: number | undefined;
  private busy = false;
  private due = false;
  private closed = false;
  private readonly maxWaitMs: number;

  constructor(private readonly options: DebouncerOptions) {
    this.maxWaitMs = options.maxWaitMs ?? Math.max(5000, options.delayMs * 4);
  }

  /** Number of distinct paths waiting in the current burst. */
  get pending(): number {
    return this.states.size;
  }

  /** Records one event and restarts the quiet-time timer. */
  push(path: string, reason: ChangeReason): void {
    if (this.closed) return;
    const state = this.states.get(path);
    if (state) state.last = reason;
    else this.states.set(path, { first: reason, last: reason });
    const now = this.options.clock.now();
    this.burstStart ??= now;
    const wait = Math.max(0, Math.min(this.options.delayMs, this.burstStart + this.maxWaitMs - now));
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    // A burst that fell due while onFlush ran waits for this one to go quiet too.
    this.due = false;
    this.timer = this.options.clock.setTimeout(() => this.fire(), wait);
  }

  /** Drops anything pending and stops delivering. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.states.clear();
  }

  private fire(): void {
    this.timer = undefined;
    if (this.busy) {
      this.due = true;
      return;
    }
    this.deliver();
  }

  private deliver(): void {
    this.burstStart = undefined;
    const batch = this.take();
    if (batch.paths.length === 0) return;
    let result: void | Promise<void>;
    try {
      result = this.options.onFlush(batch);
    } catch (err) {
      this.options.onError(err);
      return;
    }
    if (!result || typeof result.then !== 'function') return;
    this.busy = true;
    result.then(
      () => this.settle(),
      (err: unknown) => {
        this.options.onError(err);
        this.settle();
      },
    );
  }

  private settle(): void {
    this.busy = false;
    if (this.due && !this.closed) {
      this.due = false;
      this.deliver();
    }
  }

  private take(): ChangeBatch {
    const paths = [...this.states.keys()].sort();
    const reasons = paths.map((p) => netReason(this.states.get(p) as PathState));
    this.states.clear();
    return { paths, reasons };
  }
}

function netReason({ first, last }: PathState): ChangeReason {
  if (last === 'unlink') return 'unlink';
  if (first === 'unlink') return 'change';
  if (first === 'add') return 'add';
  return 'change';
}
