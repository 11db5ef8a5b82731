import { AbortError, type Clock } from '../core/clock';

/** Why an exchange ended without a complete answer. */
export type HttpFailure = 'timeout' | 'network' | 'too_large';

/** One request, fully described by its caller. */
export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as JSON (`content-type: application/json`) when present. */
  readonly json?: unknown;
  /** Deadline for the whole exchange (connect, headers and body), on the context's clock. */
  readonly timeoutMs: number;
  /** Largest answer body read; a longer one is cut off and is a `too_large` failure. */
  readonly maxBytes: number;
}

export interface HttpContext {
  readonly clock: Clock;
  /** The caller's cancellation (a call's hangup): rejects with {@link AbortError} carrying its reason. */
  readonly signal?: AbortSignal;
  /** Defaults to the global fetch, whose pool keeps connections alive between requests. */
  readonly fetch?: typeof fetch;
}

/** A complete answer, whatever its status. */
export interface HttpAnswer {
  readonly answered: true;
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** No complete answer: the status is 0 when none arrived, else the answer's status. */
export interface HttpNoAnswer {
  readonly answered: false;
  readonly status: number;
  readonly failure: HttpFailure;
  /** Why, for a log line: `no answer within 500 ms`, `the answer is larger than 1024 bytes`, the transport's error. */
  readonly message: string;
}

export type HttpResult = HttpAnswer | HttpNoAnswer;

/**
 * Sends one request and reads at most `maxBytes` of the answer before the
 * deadline. Redirects are never followed (a 3xx is an answer like any other):
 * the configured URL is the only place data goes. Resolves with the answer or
 * the reason there is none; rejects only with {@link AbortError} when the
 * caller's signal fires.
 */
export async function sendHttp(req: HttpRequest, ctx: HttpContext): Promise<HttpResult> {
  const signal = ctx.signal;
  if (signal?.aborted) throw new AbortError(undefined, signal.reason);
  const controller = new AbortController();
  let timedOut = false;
  const timer = ctx.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let status = 0;
  try {
    const json = req.json !== undefined;
    const res = await (ctx.fetch ?? fetch)(req.url, {
      method: req.method,
      headers: json ? { ...req.headers, 'content-type': 'application/json' } : req.headers,
      ...(json ? { body: JSON.stringify(req.json) } : {}),
      redirect: 'manual',
      signal: controller.signal,
    });
    status = res.status;
    const body = await readBounded(res, req.maxBytes);
    if (!body) return { answered: false, status, failure: 'too_large', message: `the answer is larger than ${req.maxBytes} bytes` };
    return { answered: true, status, statusText: res.statusText, contentType: res.headers.get('content-type') ?? '', body };
  } catch (err) {
    if (signal?.aborted) throw new AbortError(undefined, signal.reason);
    if (timedOut) return { answered: false, status, failure: 'timeout', message: `no ${status === 0 ? '' : 'complete '}answer within ${req.timeoutMs} ms` };
    return { answered: false, status, failure: 'network', message: errorText(err) };
  } finally {
    ctx.clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A body parsed as JSON, or the coded reason it is not JSON. */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly code: 'bad_json'; readonly message: string };

/**
 * Parses an answer body as JSON. With `emptyIsNull`, an empty (or blank)
 * body is `null`, as for an http step; otherwise it is not JSON.
 */
export function parseJsonBody(body: Buffer | string, opts: { readonly emptyIsNull?: boolean } = {}): JsonBody {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (opts.emptyIsNull && text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, code: 'bad_json', message: 'the answer is not JSON' };
  }
}

/**
 * An error's message with its cause's (fetch puts the useful part, `connect
 * ECONNREFUSED ...`, in the cause). Read by shape, not `instanceof`: fetch's
 * errors may come from another realm (a test sandbox, a worker).
 */
export function errorText(err: unknown): string {
  const cause = messageOf((err as { cause?: unknown } | null)?.cause);
  return `${messageOf(err) ?? String(err)}${cause !== undefined ? `: ${cause}` : ''}`;
}

function messageOf(value: unknown): string | undefined {
  const message = (value as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Reads a fetch response's body, giving up (and cancelling the stream) as
 * soon as it passes `maxBytes`, so an answer of any size costs at most that
 * much memory. Undefined when it is too large.
 */
async function readBounded(res: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
