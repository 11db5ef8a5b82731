import type { Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import { Listeners } from '../core/listeners';
import type { TransportState } from './transport';


/** One connect attempt. It is stale once a newer attempt, a close or its own deadline superseded it. */
export interface ConnectAttempt {
  readonly generation: number;
  abandoned: boolean;
}

/**
 * A transport's connection state and its connect attempts: who is told of
 * state changes, which attempt is current (a generation number; events of
 * older sockets and attempts are ignored by comparing it), and the deadline
 * and abort of the attempt in progress. It does no I/O: the transport runs
 * the attempt's work inside {@link run}.
 */
export class ConnectionLifecycle {
  private current: TransportState = 'disconnected';
  private gen = 0;
  private abortAttempt: ((err: Error) => void) | undefined;
  private readonly listeners: Listeners<TransportState, { error?: Error } | undefined>;

  constructor(
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.listeners = new Listeners<TransportState, { error?: Error } | undefined>((err) => logger.error({ err }, 'transport state listener threw'));
  }

  get state(): TransportState {
    return this.current;
  }

  /** The generation of the latest attempt (or close). */
  get generation(): number {
    return this.gen;
  }

  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Starts a new attempt, superseding (and rejecting) the one in progress. */
  begin(): ConnectAttempt {
    this.retire('connect superseded by a newer attempt');
    return { generation: this.gen, abandoned: false };
  }

  /** Makes every attempt and socket so far stale, rejecting the attempt in progress with `reason`. */
  retire(reason: string): void {
    this.gen++;
    this.abortAttempt?.(new VoxtraError('ARI_NOT_CONNECTED', reason));
  }

  /**
   * Runs the attempt's `work`, rejecting with `timeout()` when it takes longer
   * than `timeoutMs`, or with the error of {@link abort}. Either way the
   * attempt is abandoned; `work` may still be running and must check
   * {@link ensureCurrent} after each await.
   */
  run(attempt: ConnectAttempt, timeoutMs: number, timeout: () => Error, work: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const settle = (fn: () => void): void => {
        if (done) return;
        done = true;
        attempt.abandoned = true;
        this.clock.clearTimeout(timer);
        if (this.abortAttempt === abort) this.abortAttempt = undefined;
        fn();
      };
      const abort = (err: Error): void => settle(() => reject(err));
      const timer = this.clock.setTimeout(() => abort(timeout()), timeoutMs);
      this.abortAttempt = abort;
      work().then(
        () => settle(resolve),
        (err: unknown) => settle(() => reject(err)),
      );
    });
  }

  /** Throws when `attempt` is no longer the one to act on. */
  ensureCurrent(attempt: ConnectAttempt): void {
    if (attempt.generation !== this.gen || attempt.abandoned) throw new VoxtraError('ARI_NOT_CONNECTED', 'connect attempt abandoned');
  }

  /** True while nothing newer than generation `gen` began. */
  isCurrent(gen: number): boolean {
    return gen === this.gen;
  }

  /** An attempt failed with `error`: reported as `disconnected` unless something newer took over. */
  failed(attempt: ConnectAttempt, error: Error): void {
    attempt.abandoned = true;
    if (attempt.generation === this.gen && this.current === 'connecting') this.set('disconnected', error);
  }

  /** Abandons the attempt in progress, if any, with `err`. */
  abort(err: Error): void {
    this.abortAttempt?.(err);
  }

  /** The one place the state changes; listeners hear of every change (and of a repeated state that carries an error). */
  set(state: TransportState, error?: Error): void {
    if (this.current === state && !error) return;
    this.current = state;
    this.listeners.emit(state, error ? { error } : undefined);
  }
}
