import { randomBytes } from 'node:crypto';
import { AbortError } from '../../core/clock';
import { VoxtraError, isVoxtraError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { ComposedRequest } from '../operation-composer';
import type { ExecutorAnswer, RequestExecutor } from '../request-pipeline';
import type { AriEvent } from '../transport';
import { encodeRestRequest, restAnswer } from './rest-frames';

/** Where frames go: an open WebSocket (ours or one Asterisk opened to us). */
export interface FrameSink {
  send(text: string): void;
}

/** What a request issued while no socket is attached does. */
export type WhileDown =
  /** Fails at once with ARI_NOT_CONNECTED. */
  | 'fail'
  /** Waits (within its deadline) for the next socket, then goes out in the order issued. */
  | 'wait';

export interface SocketRequestExecutorOptions {
  readonly logger: Logger;
  readonly whileDown: WhileDown;
  /** Names the server in error messages. */
  readonly name: string;
}

/**
 * One request sent (or waiting to be sent) on a socket. It is its own abort
 * listener (`handleEvent`), so a request costs this record and its promise,
 * nothing more.
 */
class PendingRequest {
  /** The socket the frame went out on; undefined while it waits for one. */
  sink: FrameSink | undefined;

  constructor(
    private readonly owner: SocketRequestExecutor,
    readonly id: string,
    readonly frame: string,
    readonly signal: AbortSignal,
    readonly resolve: (answer: ExecutorAnswer) => void,
    readonly reject: (err: Error) => void,
  ) {}

  /** The request's deadline passed (or its caller gave up). */
  handleEvent(): void {
    this.owner.abandon(this);
  }
}

/**
 * Sends ARI requests as `RESTRequest` frames on a WebSocket and matches each
 * `RESTResponse` to its request by `request_id` (ids from a counter, as
 * strings) and `transaction_id` (one per executor: an answer meant for
 * another client is not ours). Asterisk answers one socket's requests one at
 * a time, in order; the pipeline in front bounds how many are in flight and
 * sets each one's deadline. When the socket goes, the requests sent on it
 * fail at once with `ARI_CONNECTION_LOST` (a lower failure: an idempotent
 * one is retried once, wherever the transport sends requests then).
 */
export class SocketRequestExecutor implements RequestExecutor {
  private readonly pending = new Map<string, PendingRequest>();
  private readonly transactionId = `voxtra-${randomBytes(4).toString('hex')}`;
  private seq = 0;
  private sink: FrameSink | undefined;
  private closed = false;

  constructor(private readonly opts: SocketRequestExecutorOptions) {}

  /** True while a socket is attached. */
  get connected(): boolean {
    return this.sink !== undefined;
  }

  /** Requests sent or waiting, not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  send(request: ComposedRequest, signal: AbortSignal): Promise<ExecutorAnswer> {
    return new Promise<ExecutorAnswer>((resolve, reject) => {
      if (signal.aborted) {
        reject(new AbortError(undefined, signal.reason));
        return;
      }
      const sink = this.sink;
      if (sink === undefined && (this.closed || this.opts.whileDown === 'fail')) {
        reject(new VoxtraError('ARI_NOT_CONNECTED', this.closed ? `the connection to ${this.opts.name} is closed` : `no WebSocket to ${this.opts.name} is open`));
        return;
      }
      const id = String(++this.seq);
      const pending = new PendingRequest(this, id, encodeRestRequest(request, this.transactionId, id), signal, resolve, reject);
      this.pending.set(id, pending);
      signal.addEventListener('abort', pending, { once: true });
      if (sink !== undefined) this.transmit(pending, sink);
    });
  }

  isLowerFailure(err: unknown): err is VoxtraError {
    return isVoxtraError(err, 'ARI_CONNECTION_LOST');
  }

  /**
   * Takes a `RESTResponse` frame; true when it answered one of our requests.
   * Answers nobody waits for (a request abandoned at its deadline, another
   * client's transaction, Asterisk's `""` ids for a frame it could not parse)
   * are dropped with a debug line.
   */
  accept(frame: AriEvent): boolean {
    const id = frame.request_id;
    const pending = typeof id === 'string' && frame.transaction_id === this.transactionId ? this.pending.get(id) : undefined;
    const answer = pending === undefined ? undefined : restAnswer(frame);
    if (pending === undefined || answer === undefined) {
      this.opts.logger.debug({ requestId: id, status: frame.status_code }, 'RESTResponse that no request waits for; dropped');
      return false;
    }
    this.pending.delete(pending.id);
    pending.signal.removeEventListener('abort', pending);
    pending.resolve(answer);
    return true;
  }

  /** Requests sent on `sink` that wait for their answer. */
  sentOn(sink: FrameSink): number {
    let n = 0;
    for (const pending of this.pending.values()) if (pending.sink === sink) n++;
    return n;
  }

  /** Sends on `sink` from now on; requests waiting for a socket go out first, in the order issued. */
  attach(sink: FrameSink): void {
    if (this.closed) return;
    this.sink = sink;
    for (const pending of this.pending.values()) if (pending.sink === undefined) this.transmit(pending, sink);
  }

  /**
   * `sink` closed: requests sent on it fail now with `ARI_CONNECTION_LOST`.
   * If it was the current socket, requests issued from now on do what
   * {@link WhileDown} says until the next {@link attach}.
   */
  detach(sink: FrameSink, reason: string): void {
    if (this.sink === sink) this.sink = undefined;
    for (const pending of [...this.pending.values()]) {
      if (pending.sink !== sink) continue;
      this.settleWith(pending, new VoxtraError('ARI_CONNECTION_LOST', `the WebSocket to ${this.opts.name} closed with the request in flight (${reason})`, { code: 'ECONNRESET', reason }));
    }
  }

  /** Fails every request, sent or waiting, and every later one (the transport closes). */
  close(reason: string): void {
    this.closed = true;
    this.sink = undefined;
    // Closed on purpose: nothing to retry, so not ARI_CONNECTION_LOST.
    for (const pending of [...this.pending.values()]) this.settleWith(pending, new VoxtraError('ARI_NOT_CONNECTED', `${reason}: request to ${this.opts.name} abandoned`, { reason }));
  }

  /** The request's deadline passed: forget it (an answer arriving later is dropped). */
  abandon(pending: PendingRequest): void {
    if (this.pending.get(pending.id) !== pending) return;
    this.pending.delete(pending.id);
    pending.reject(new AbortError(undefined, pending.signal.reason));
  }

  private transmit(pending: PendingRequest, sink: FrameSink): void {
    pending.sink = sink;
    try {
      sink.send(pending.frame);
    } catch (err) {
      this.settleWith(pending, new VoxtraError('ARI_CONNECTION_LOST', `cannot send to ${this.opts.name}: ${(err as Error).message}`, { code: 'EPIPE' }));
    }
  }

  private settleWith(pending: PendingRequest, err: VoxtraError): void {
    this.pending.delete(pending.id);
    pending.signal.removeEventListener('abort', pending);
    pending.reject(err);
  }
}
