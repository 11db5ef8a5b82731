import * as http from 'node:http';
import * as https from 'node:https';
import { AbortError } from '../core/clock';
import { VoxtraError } from '../core/errors';

/** One HTTP request, fully built. */
export interface HttpCall {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
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
export function executeHttp(call: HttpCall, agent: http.Agent, signal: AbortSignal): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    if (signal.aborted) {
      reject(new AbortError(undefined, signal.reason));
      return;
    }
    const lib = call.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(call.body));
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const req = lib.request(call.url, { method: call.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
      res.on('error', (err: NodeJS.ErrnoException) => finish(() => reject(transportError(err.message, err.code))));
      res.on('aborted', () => finish(() => reject(transportError('response aborted', 'ECONNRESET'))));
    });
    const onAbort = (): void => {
      finish(() => reject(new AbortError(undefined, signal.reason)));
      req.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => finish(() => reject(transportError(err.message, err.code))));
    req.end(call.body);
  });
}
