import * as http from 'node:http';
import * as https from 'node:https';
import type { CancelSignal } from '../core/cancel-signal';
import { AbortError } from '../core/clock';
import { VoxtraError } from '../core/errors';

/** One HTTP request, fully built, as a URL (what `HttpRequestExecutor.httpCall` describes). */
export interface HttpCall {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One HTTP request as `http.request` takes it: the server's address, the path and query, headers (Content-Length included). */
export interface HttpRequestSpec {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The answer: its status and its body as text (the pipeline reads nothing else, so the headers are never parsed into an object). */
export interface HttpResult {
  readonly status: number;
  readonly body: string;
}

/** The request failed below HTTP (refused, reset, socket hang up): ARI_TRANSPORT with the system code in `details.code`. */
function transportError(message: string, code?: string): VoxtraError {
  return new VoxtraError('ARI_TRANSPORT', message, code === undefined ? {} : { code });
}

/**
 * Sends one request on `agent` and reads the whole answer; a failure below
 * HTTP rejects with `VoxtraError('ARI_TRANSPORT')`. Aborting `signal`
 * destroys the request and its socket, so a request Asterisk never answers
 * does not pin a pooled connection.
 */
export function executeHttpRequest(spec: HttpRequestSpec, agent: http.Agent, signal: CancelSignal): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    if (signal.aborted) {
      reject(new AbortError(undefined, signal.reason));
      return;
    }
    const lib = spec.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const req = lib.request({ protocol: spec.protocol, hostname: spec.hostname, port: spec.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (res) => {
      // ARI answers are small JSON texts, most of them one chunk or none (204): kept as bytes and decoded once
      // at the end (a character split between chunks stays whole), with no string decoder per response.
      let first: Buffer | undefined;
      let more: Buffer[] | undefined;
      res.on('data', (chunk: Buffer) => {
        if (first === undefined) first = chunk;
        else (more ??= [first]).push(chunk);
      });
      res.on('end', () => {
        const body = more !== undefined ? Buffer.concat(more).toString('utf8') : first !== undefined ? first.toString('utf8') : '';
        finish(() => resolve({ status: res.statusCode ?? 0, body }));
      });
      res.on('error', (err: NodeJS.ErrnoException) => finish(() => reject(transportError(err.message, err.code))));
      res.on('aborted', () => finish(() => reject(transportError('response aborted', 'ECONNRESET'))));
    });
    const onAbort = (): void => {
      finish(() => reject(new AbortError(undefined, signal.reason)));
      req.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => finish(() => reject(transportError(err.message, err.code))));
    req.end(spec.body);
  });
}
