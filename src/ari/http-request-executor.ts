import * as http from 'node:http';
import * as https from 'node:https';
import { isVoxtraError, type VoxtraError } from '../core/errors';
import { executeHttp, type HttpCall, type HttpResult } from './http-executor';
import type { ComposedRequest } from './operation-composer';
import type { RequestExecutor } from './request-pipeline';

export interface HttpRequestExecutorOptions {
  /** The server's origin (`http://host:port`); paths come from the composed requests. */
  readonly base: URL;
  /** `Basic ...`, sent on every request. */
  readonly authorization: string;
  /** Cap of the keep-alive pool (the pipeline's in-flight limit). */
  readonly maxSockets: number;
  /** Idle pooled sockets are closed after this long. */
  readonly idleSocketMs: number;
}

/** Sends composed ARI requests over HTTP, with the server's credentials, on a bounded keep-alive pool. */
export class HttpRequestExecutor implements RequestExecutor {
  private agent: http.Agent | undefined;

  constructor(private readonly opts: HttpRequestExecutorOptions) {}

  send(request: ComposedRequest, signal: AbortSignal): Promise<HttpResult> {
    return executeHttp(this.httpCall(request), this.pool(), signal);
  }

  isLowerFailure(err: unknown): err is VoxtraError {
    return isVoxtraError(err, 'ARI_TRANSPORT');
  }

  /** The HTTP request for a composed one: on this server, with its credentials. */
  httpCall(request: ComposedRequest): HttpCall {
    const url = new URL(request.pathAndQuery, this.opts.base.origin);
    const headers = { ...request.headers, Authorization: this.opts.authorization };
    return request.body === undefined ? { method: request.method, url, headers } : { method: request.method, url, headers, body: request.body };
  }

  /** The keep-alive pool, created on first use (again after {@link close}). */
  pool(): http.Agent {
    if (!this.agent) {
      const opts: http.AgentOptions = {
        keepAlive: true,
        maxSockets: this.opts.maxSockets,
        maxFreeSockets: this.opts.maxSockets,
        timeout: this.opts.idleSocketMs,
        scheduling: 'lifo',
      };
      this.agent = this.opts.base.protocol === 'https:' ? new https.Agent(opts) : new http.Agent(opts);
    }
    return this.agent;
  }

  /** After the events socket drops the server may have restarted; pooled sockets to it are likely dead. */
  dropIdleSockets(): void {
    const free = this.agent?.freeSockets ?? {};
    for (const list of Object.values(free)) for (const s of list ?? []) s.destroy();
  }

  /** Closes the pool. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}
