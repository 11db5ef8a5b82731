import { systemClock, type Clock } from '../core/clock';
import { silentLogger, type Logger } from '../core/logger';
import { logSafe } from './dial-safety';
import { checkRouterAnswer } from './http-answer';
import type { HttpDispatchRule, HttpRouter, HttpRouterAnswer, HttpRouterRequest } from './http-router-types';
import { BodyTooLarge, readBounded } from '../core/read-bounded';

export interface HttpRouterOptions {
  /** Defaults to the global fetch (Node 20). */
  readonly fetch?: typeof fetch;
  /** Drives the per-rule timeout; tests pass a FakeClock. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Largest answer body read, in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
}

// Looked up at call time, so tests that replace the global fetch are honoured.
const globalFetch: typeof fetch = (input, init) => fetch(input, init);

/** Why an HTTP router gave no usable answer. */
export type RouterProblemKind = 'bad-url' | 'timeout' | 'connection' | 'status' | 'too-large' | 'not-json' | 'invalid-answer';

/** One reason an answer was not usable; `message` is what the runtime logs. */
export interface RouterProblem {
  readonly kind: RouterProblemKind;
  readonly message: string;
  /** For an invalid answer: each problem the protocol checks found. */
  readonly details?: readonly string[];
}

/** What asking one HTTP router gave: its checked answer, or why there is none; with the time it took. */
export type RouterReply =
  | { readonly ok: true; readonly answer: HttpRouterAnswer; readonly elapsedMs: number; readonly status: number }
  | { readonly ok: false; readonly problem: RouterProblem; readonly elapsedMs: number; readonly status?: number };

/**
 * The HTTP router protocol client: POSTs the call's facts as JSON to the
 * rule's URL (and only there: redirects are refused), waits at most the
 * rule's timeout, and returns the checked answer. Every failure (timeout,
 * transport error, non-2xx, bad JSON, oversized body, an answer failing its
 * schema or safety checks) is logged and resolves undefined, so resolution
 * falls through to the next rule.
 */
export function createHttpRouter(options: HttpRouterOptions = {}): HttpRouter {
  const logger = options.logger ?? silentLogger;
  return async (rule, request) => {
    const log = logger.child({ rule: rule.name, url: rule.url, callId: request.call_id });
    const reply = await askHttpRouter(rule, request, options);
    if (reply.ok) {
      logAnswer(log, reply.answer, reply.elapsedMs);
      return reply.answer;
    }
    if (reply.problem.kind === 'bad-url') log.warn('HTTP router URL is not http(s); rule skipped');
    else log.warn({ elapsedMs: reply.elapsedMs }, `HTTP router gave no usable answer (${reply.problem.message}); falling through`);
    return undefined;
  };
}

/**
 * Asks one HTTP router rule, as the runtime does, and says what came back:
 * the checked answer, or the problem (never rejects). `voxtra route --ask`
 * prints this; {@link createHttpRouter} logs it.
 */
export async function askHttpRouter(rule: HttpDispatchRule, request: HttpRouterRequest, options: HttpRouterOptions = {}): Promise<RouterReply> {
  const doFetch = options.fetch ?? globalFetch;
  const clock = options.clock ?? systemClock;
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const started = clock.now();
  const fail = (kind: RouterProblemKind, message: string, status?: number, details?: readonly string[]): RouterReply => ({
    ok: false,
    problem: { kind, message, ...(details ? { details } : {}) },
    elapsedMs: clock.now() - started,
    ...(status !== undefined ? { status } : {}),
  });
  const url = routerUrl(rule.url);
  if (!url) return fail('bad-url', `URL ${JSON.stringify(logSafe(rule.url, 200))} is not http(s)`);
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, rule.timeoutMs);
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { ...rule.headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      redirect: 'error',
      signal: controller.signal,
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return fail('status', `HTTP ${res.status}`, res.status);
    }
    let text: string;
    try {
      text = await readBounded(res, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLarge) return fail('too-large', `answer is larger than ${maxBody} bytes`, res.status);
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('not-json', 'answer is not JSON', res.status);
    }
    const checked = checkRouterAnswer(json);
    if (!checked.ok) return fail('invalid-answer', `answer refused: ${checked.problems.join('; ')}`, res.status, checked.problems);
    return { ok: true, answer: checked.answer, elapsedMs: clock.now() - started, status: res.status };
  } catch (err) {
    return timedOut ? fail('timeout', `no answer within ${rule.timeoutMs}ms`) : fail('connection', `request failed: ${errorText(err)}`);
  } finally {
    clock.clearTimeout(timer);
  }
}

function routerUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function logAnswer(log: ReturnType<Logger['child']>, answer: HttpRouterAnswer, elapsedMs: number): void {
  const fields: Record<string, unknown> = { action: answer.action, elapsedMs };
  if (answer.action === 'forward') Object.assign(fields, { targets: answer.targets, strategy: answer.strategy });
  if (answer.action === 'reject' || answer.action === 'abort' || answer.action === 'spam') Object.assign(fields, { cause: answer.cause, reason: answer.reason });
  if (answer.action === 'flow') fields.flow = answer.flow;
  if (answer.ignored.length > 0) fields.ignored = answer.ignored;
  if (answer.action === 'spam') log.warn(fields, 'HTTP router marked the call as spam');
  else log.info(fields, 'HTTP router answered');
}

// fetch's errors may come from another realm (a vm context, a test runner), where instanceof Error fails: read them by shape.
function errorText(err: unknown): string {
  const message = (e: unknown): string | undefined => (e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : undefined);
  const own = message(err);
  const cause = own !== undefined ? message((err as { cause?: unknown }).cause) : undefined;
  return logSafe(own !== undefined ? `${own}${cause !== undefined ? `: ${cause}` : ''}` : String(err));
}
