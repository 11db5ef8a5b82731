import http from 'node:http';
import https from 'node:https';
import { AbortError, type Clock } from '../core/clock';

/** A complete HTTP answer. */
export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Why a request ended without an answer. */
export class HttpPostError extends Error {
  constructor(message: string, readonly reason: 'timeout' | 'too-large' | 'network') {
    super(message);
    this.name = 'HttpPostError';
  }
}

export interface HttpPostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly maxBytes: number;
}

/**
 * POSTs a JSON body and reads the whole answer, with a deadline on `clock`
 * covering connect, headers and body, an answer-size cap, and abort. Redirects
 * are not followed (a TTS answer is audio, not a pointer).
 */
export function postJson(url: URL, body: unknown, opts: HttpPostOptions): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new AbortError(undefined, opts.signal.reason));
      return;
    }
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    const lib = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      opts.clock.clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (err: Error): void => {
      finish(() => reject(err));
      req.destroy();
    };
    // The body's own headers win over configured ones, whatever their case.
    const configured = Object.entries(opts.headers).filter(([name]) => !/^content-(type|length)$/i.test(name));
    const req = lib.request(url, {
      method: 'POST',
      headers: { accept: 'audio/wav, audio/L16;q=0.9', ...Object.fromEntries(configured), 'content-type': 'application/json', 'content-length': String(payload.length) },
    });
    const onAbort = (): void => fail(new AbortError(undefined, opts.signal?.reason));
    const timer = opts.clock.setTimeout(() => fail(new HttpPostError(`no complete answer within ${opts.timeoutMs} ms`, 'timeout')), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => fail(new HttpPostError(err.message, 'network')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) fail(new HttpPostError(`the answer is larger than ${opts.maxBytes} bytes`, 'too-large'));
        else chunks.push(chunk);
      });
      res.on('error', (err) => fail(new HttpPostError(err.message, 'network')));
      res.on('end', () =>
        finish(() =>
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }),
        ),
      );
    });
    req.end(payload);
  });
}
