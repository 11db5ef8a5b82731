import { STATUS_CODES } from 'node:http';
import { AbortError, type Clock } from '../core/clock';
import { VoxtraError, isVoxtraError } from '../core/errors';
import type { Logger } from '../core/logger';
import { errorBodyMessage, requestFailed } from './ari-errors';
import type { LoadedAriApi } from './loaded-api';
import { OperationComposer, type ComposedRequest } from './operation-composer';
import { isRetryable } from './operations';
import { redactText } from '../core/redact';
import { Semaphore } from '../core/semaphore';
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
  send(request: ComposedRequest, signal: AbortSignal, op: AriOperation): Promise<ExecutorAnswer>;
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

  constructor(
    private readonly executor: RequestExecutor,
    private readonly opts: RequestPipelineOptions,
  ) {
    this.semaphore = new Semaphore(opts.maxInFlight);
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
    };
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
    const timeoutMs = opts.timeoutMs ?? this.opts.requestTimeoutMs;
    const clock = this.opts.clock;
    const controller = new AbortController();
    const timer = clock.setTimeout(() => controller.abort(new VoxtraError('ARI_TIMEOUT', `${op} got no answer within ${timeoutMs} ms`, { operation: op, timeoutMs })), timeoutMs);
    const executor = this.executor;
    let release: (() => void) | undefined;
    try {
      // The common case composes and takes a slot synchronously: no turn of the event loop before the request goes out.
      const request = this.composeNow(op, params) ?? (await this.compose(op, params));
      release = this.semaphore.tryAcquire() ?? (await this.semaphore.acquire(controller.signal));
      const attempts = isRetryable(op, request.method) ? 2 : 1;
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await executor.send(request, controller.signal, op);
          if (res.status >= 200 && res.status < 300) return parseBody(res.body) as T;
          throw requestFailed(op, res.status, errorBodyMessage(res.body, STATUS_CODES[res.status] ?? 'error'));
        } catch (err) {
          if (!executor.isLowerFailure(err)) throw err;
          if (attempt < attempts && !controller.signal.aborted) {
            this.opts.logger.debug({ op, code: err.details.code }, 'ARI request failed below HTTP; retrying once');
            continue;
          }
          // A lost socket keeps its own code (ARI_CONNECTION_LOST); a failed HTTP exchange is ARI_TRANSPORT.
          if (err.code !== 'ARI_TRANSPORT') throw err;
          throw new VoxtraError('ARI_TRANSPORT', `${op}: ${redactText(err.message, this.opts.secrets)}`, { operation: op, code: err.details.code });
        }
      }
    } catch (err) {
      if (err instanceof AbortError && isVoxtraError(controller.signal.reason)) throw controller.signal.reason;
      throw err;
    } finally {
      release?.();
      clock.clearTimeout(timer);
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
