import type { Clock } from '../core/clock';
import { VoxtraError } from '../core/errors';
import { hasControlChars } from '../routing/dial-safety';
import { BodyTooLarge, readBounded } from '../core/read-bounded';

/** Why an http step's request gave no usable answer. */
export type HttpFailure = 'timeout' | 'network' | 'status' | 'bad_json' | 'too_large';

export type HttpOutcome =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly status: number; readonly error: HttpFailure; readonly message: string; readonly body: unknown };

export interface HttpRequestSpec {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Serialised as JSON when present. */
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export interface HttpRequestContext {
  readonly clock: Clock;
  /** The call's hangup signal: a hangup cancels the request and rejects with it. */
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
}

/** An HTTP header token (RFC 9110). */
export const HTTP_HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

/**
 * Sends one request with a deadline on the injected clock and the call's
 * hangup signal, and reads at most `maxBytes` of the answer. Redirects are
 * not followed. Resolves with the parsed JSON answer or a failure; rejects
 * only when the caller hung up (AbortError) or a header is unsafe.
 */
export async function sendHttpRequest(spec: HttpRequestSpec, ctx: HttpRequestContext): Promise<HttpOutcome> {
  for (const [name, value] of Object.entries(spec.headers)) {
    if (!HTTP_HEADER_NAME.test(name)) throw new VoxtraError('UNSAFE_INPUT', `refused HTTP header name: ${JSON.stringify(name)}`, { what: 'HTTP header name', value: name });
    if (hasControlChars(value)) throw new VoxtraError('UNSAFE_INPUT', `refused value for HTTP header ${name}`, { what: `HTTP header ${name}`, value });
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = ctx.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, spec.timeoutMs);
  const onHangup = (): void => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onHangup, { once: true });
  const fail = (status: number, error: HttpFailure, message: string, body: unknown = null): HttpOutcome => ({ ok: false, status, error, message, body });
  try {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('aborted');
    const doFetch = ctx.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(spec.url, {
        method: spec.method,
        headers: { accept: 'application/json', ...spec.headers, ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      return timedOut ? fail(0, 'timeout', `no answer within ${spec.timeoutMs} ms`) : fail(0, 'network', errorText(err));
    }
    let text: string;
    try {
      text = await readBounded(res, spec.maxBytes);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (timedOut) return fail(res.status, 'timeout', `no complete answer within ${spec.timeoutMs} ms`);
      if (err instanceof BodyTooLarge) return fail(res.status, 'too_large', err.message);
      return fail(res.status, 'network', errorText(err));
    }
    const parsed = parseJson(text);
    if (res.status < 200 || res.status > 299) return fail(res.status, 'status', `HTTP ${res.status}`, parsed.ok ? parsed.value : null);
    if (!parsed.ok) return fail(res.status, 'bad_json', 'the answer is not JSON');
    return { ok: true, status: res.status, body: parsed.value };
  } finally {
    ctx.clock.clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onHangup);
  }
}

/** An empty answer is `null`; anything else must be JSON. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function errorText(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return err instanceof Error ? `${err.message}${cause}` : String(err);
}
