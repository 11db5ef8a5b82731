import { VoxtraError } from '../core/errors';
import { parseJsonBody, sendHttp, type HttpContext, type HttpFailure as TransportFailure } from '../io/http-client';
import { hasControlChars } from '../routing/dial-safety';

/** Why an http step's request gave no usable answer. */
export type HttpFailure = TransportFailure | 'status' | 'bad_json';

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

export interface HttpRequestContext extends HttpContext {
  /** The call's hangup signal: a hangup cancels the request (AbortError). */
  readonly signal: AbortSignal;
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
  const res = await sendHttp(
    { method: spec.method, url: spec.url, headers: { accept: 'application/json', ...spec.headers }, json: spec.body, timeoutMs: spec.timeoutMs, maxBytes: spec.maxBytes },
    ctx,
  );
  if (!res.answered) return { ok: false, status: res.status, error: res.failure, message: res.message, body: null };
  const parsed = parseJsonBody(res.body, { emptyIsNull: true });
  if (res.status < 200 || res.status > 299) return { ok: false, status: res.status, error: 'status', message: `HTTP ${res.status}`, body: parsed.ok ? parsed.value : null };
  if (!parsed.ok) return { ok: false, status: res.status, error: parsed.code, message: parsed.message, body: null };
  return { ok: true, status: res.status, body: parsed.value };
}
