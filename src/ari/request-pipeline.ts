import { STATUS_CODES } from 'node:http';
import { AbortError, type Clock } from '../core/clock';
import type { CancelSignal } from '../core/cancel-signal';
import { VoxtraError, isVoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import { errorBodyMessage, requestFailed } from './ari-errors';
import type { LoadedAriApi } from './loaded-api';
import { OperationComposer, type ComposedRequest } from './operation-composer';
import { isRetryable } from './operations';
import { redactText } from '../core/redact';
import { Semaphore } from '../core/semaphore';
import { RequestDeadline } from './request-deadline';
import type { AriOperation, AriParams, AriRequestOptions } from './transport';

/** The answer to one request: an HTTP status (REST over WebSocket uses the same ones) and the body text. */
export interface ExecutorAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * How a request pipeline sends composed requests: over HTTP
 * (`HttpRequestExecutor`), as REST-over-WebSocket frames
 * (`ws-rest/socket-request-executor.ts`), or choosing between the two per
 * request (`ws-rest/rest-route.ts`).
 */
export interface RequestExecutor {
  /** Sends `request` (the operation `op`) and reads the whole answer. Aborting `signal` abandons it (rejecting with AbortError). */
  send(request: ComposedRequest, signal: CancelSignal, op: AriOperation): Promise<ExecutorAnswer>;
  /**
   * True for a failure below the protocol (refused, reset, hang-up, the
   * socket lost with the request in flight): the kind one retry of an
   * idempotent operation may cure; `details.code` holds the system code.
   */
  isLowerFailure(err: unknown): err is VoxtraError;
}

export interface RequestPipelineOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Default deadline of one request, queueing and one retry included. */
  readonly requestTimeoutMs: number;
  /** Requests in flight at once; more wait in FIFO order. */
  readonly maxInFlight: number;
  /** Redacted from the text of lower failures. */
  readonly secrets: readonly string[];
}

/** Pool counters, for metrics and the session-limit tests. */
export interface TransportStats {
  readonly inFlight: number;
  readonly queued: number;
  readonly peakInFlight: number;
  readonly maxInFlight: number;
  /** How long the oldest request waiting for a slot has waited, ms (0: none waits). */
  readonly oldestWaitMs: number;
}

/**
 * One ARI request from operation to parsed answer, whatever carries it: a
 * deadline covering queueing, sending and one retry (`ARI_TIMEOUT`); a
 * bounded number in flight; composition from the loaded API description
 * (directly when the operation allows it, see {@link OperationComposer});
 * one retry of an idempotent operation after a lower failure
 * (`ARI_TRANSPORT` when it fails again); `ARI_REQUEST_FAILED` with the
 * status and Asterisk's message for any answer that is not 2xx.
 */
export class RequestPipeline {
  private readonly semaphore: Semaphore;
  private api: LoadedAriApi | undefined;
  private composer: OperationComposer | undefined;
  /** Requests between `request()` and their settling: queued, being composed, sent or retried. */
  private pending = 0;

  constructor(
    private readonly executor: RequestExecutor,
    private readonly opts: RequestPipelineOptions,
  ) {
    this.semaphore = new Semaphore(opts.maxInFlight, opts.clock);
  }

  /** True once an API description was loaded. */
  get ready(): boolean {
    return this.api !== undefined;
  }

  /**
   * Composes from now on with `api` (each connect loads it anew: the server
   * may have been upgraded), directly with `composer` (default: one from the
   * operations `api` describes) when it can.
   */
  use(api: LoadedAriApi, composer: OperationComposer | undefined = OperationComposer.from(api.operations)): void {
    this.api = api;
    this.composer = composer;
  }

  get stats(): TransportStats {
    return {
      inFlight: this.semaphore.inFlight,
      queued: this.semaphore.queued,
      peakInFlight: this.semaphore.peak,
      maxInFlight: this.semaphore.limit,
      oldestWaitMs: this.requestWaitMs(),
    };
  }

  /** How long the oldest request waiting for a slot has waited, ms (0: none waits); the overload signal of the call admission. */
  requestWaitMs(): number {
    // No clock read while nothing waits (the usual case; a listener asks each of its per-call peers).
    return this.semaphore.queued === 0 ? 0 : this.semaphore.oldestWaitMs(this.opts.clock.now());
  }

  /** ARI requests made and not yet settled (queued for a slot, sent, or retried). */
  requestsInFlight(): number {
    return this.pending;
  }

  /** The request composed directly, when the operation allows it. */
  composeNow(op: AriOperation, params: AriParams): ComposedRequest | undefined {
    return this.composer?.compose(op, params);
  }

  /** The request composed the description's general way (before {@link use}: rejects). */
  compose(op: AriOperation, params: AriParams): Promise<ComposedRequest> {
    if (!this.api) return Promise.reject(new VoxtraError('ARI_NOT_CONNECTED', `${op}: no API description loaded`, { operation: op }));
    return this.api.compose(op, params);
  }

  /** Performs `op`; the caller checks that the transport is open. */
  async request<T>(op: AriOperation, params: AriParams, opts: AriRequestOptions): Promise<T> {
    const deadline = new RequestDeadline(this.opts.clock, op, opts.timeoutMs ?? this.opts.requestTimeoutMs);
    const executor = this.executor;
    let release: (() => void) | undefined;
    this.pending++;
    try {
      // The common case composes and takes a slot synchronously: no turn of the event loop before the request goes out.
      const composed = this.composeNow(op, params) ?? (await this.compose(op, params));
      const request = opts.rawBody === undefined ? composed : withRawBody(composed, opts.rawBody);
      release = this.semaphore.tryAcquire() ?? (await this.semaphore.acquire(deadline));
      const attempts = isRetryable(op, request.method) ? 2 : 1;
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await executor.send(request, deadline, op);
          if (res.status >= 200 && res.status < 300) return (opts.ignoreBody === true ? undefined : parseBody(res.body)) as T;
          throw requestFailed(op, res.status, errorBodyMessage(res.body, STATUS_CODES[res.status] ?? 'error'));
        } catch (err) {
          if (!executor.isLowerFailure(err)) throw err;
          if (attempt < attempts && !deadline.aborted) {
            this.opts.logger.debug({ op, code: err.details.code }, 'ARI request failed below HTTP; retrying once');
            continue;
          }
          // A lost socket keeps its own code (ARI_CONNECTION_LOST); a failed HTTP exchange is ARI_TRANSPORT.
          if (err.code !== 'ARI_TRANSPORT') throw err;
          throw new VoxtraError('ARI_TRANSPORT', `${op}: ${redactText(err.message, this.opts.secrets)}`, { operation: op, code: err.details.code });
        }
      }
    } catch (err) {
      if (err instanceof AbortError && isVoxtraError(deadline.reason)) throw deadline.reason;
      throw err;
    } finally {
      this.pending--;
      release?.();
      deadline.done();
    }
  }
}

function parseBody(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'Content-Type': 'application/json', Accept: 'application/json' });

/** `request` with `body` as its whole JSON body (see `AriRequestOptions.rawBody`). */
function withRawBody(request: ComposedRequest, body: string): ComposedRequest {
  return { method: request.method, pathAndQuery: request.pathAndQuery, headers: JSON_HEADERS, body };
}
