import * as http from 'node:http';
import * as https from 'node:https';
import type { CancelSignal } from '../core/cancel-signal';
import { isVoxtraError, type VoxtraError } from '../core/errors';
import { executeHttpRequest, type HttpCall, type HttpRequestSpec, type HttpResult } from './http-executor';
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

// A path and query a URL would leave as it is: only characters URLs allow unencoded, no dot segments, no fragment.
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;

/** Sends composed ARI requests over HTTP, with the server's credentials, on a bounded keep-alive pool. */
export class HttpRequestExecutor implements RequestExecutor {
  private agent: http.Agent | undefined;
  private readonly protocol: 'http:' | 'https:';
  private readonly hostname: string;
  private readonly port: string;
  // The composer's headers are a few shared objects: each gets its copy with credentials once.
  private readonly credentialed = new WeakMap<Readonly<Record<string, string>>, Readonly<Record<string, string>>>();

  constructor(private readonly opts: HttpRequestExecutorOptions) {
    this.protocol = opts.base.protocol === 'https:' ? 'https:' : 'http:';
    // As http.request reads a URL: an IPv6 host without its brackets.
    const host = opts.base.hostname;
    this.hostname = host.startsWith('[') ? host.slice(1, -1) : host;
    this.port = opts.base.port;
  }

  send(request: ComposedRequest, signal: CancelSignal): Promise<HttpResult> {
    return executeHttpRequest(this.spec(request), this.pool(), signal);
  }

  isLowerFailure(err: unknown): err is VoxtraError {
    return isVoxtraError(err, 'ARI_TRANSPORT');
  }

  /** The HTTP request for a composed one: on this server, with its credentials. */
  httpCall(request: ComposedRequest): HttpCall {
    const url = new URL(request.pathAndQuery, this.opts.base.origin);
    const headers = Object.assign({}, request.headers, { Authorization: this.opts.authorization });
    return request.body === undefined ? { method: request.method, url, headers } : { method: request.method, url, headers, body: request.body };
  }

  /**
   * What {@link httpCall} describes, as `http.request` takes it, without
   * building a URL per request: a composed path is already what the URL
   * would make of it (anything else goes through one), and the headers of a
   * request without a body are shared (bench/calls CPU profile: parsing a URL
   * and copying headers twice were ~5% of a request's client-side work).
   */
  spec(request: ComposedRequest): HttpRequestSpec {
    const raw = request.pathAndQuery;
    let path = raw;
    if (!PLAIN_PATH.test(raw) || DOT_SEGMENT.test(raw)) {
      const url = new URL(raw, this.opts.base.origin);
      path = url.pathname + url.search;
    }
    const { protocol, hostname, port } = this;
    const body = request.body;
    if (body === undefined) return { protocol, hostname, port, method: request.method, path, headers: this.withCredentials(request.headers) };
    // Per request: Object.assign, not a spread followed by properties (a map per object in Node 20, see session/call-session's ended()).
    const headers = Object.assign({}, request.headers, { Authorization: this.opts.authorization, 'Content-Length': String(Buffer.byteLength(body)) });
    return { protocol, hostname, port, method: request.method, path, headers, body };
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
      this.agent = this.protocol === 'https:' ? new https.Agent(opts) : new http.Agent(opts);
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

  private withCredentials(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
    let out = this.credentialed.get(headers);
    if (out === undefined) {
      out = Object.freeze({ ...headers, Authorization: this.opts.authorization });
      this.credentialed.set(headers, out);
    }
    return out;
  }
}
