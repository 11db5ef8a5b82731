import { systemClock, type Clock } from '../core/clock';
import { parseJsonBody, sendHttp, type HttpResult } from '../io/http-client';
import { silentLogger, type Logger } from '../core/logger';
import { logSafe } from '../routing/dial-safety';
import { checkRouterAnswer } from '../routing/http-answer';
import type { HttpDispatchRule, HttpRouter, HttpRouterAnswer, HttpRouterRequest } from '../routing/http-router-types';

export interface HttpRouterOptions {
  /** Defaults to the global fetch (Node 20). */
  readonly fetch?: typeof fetch;
  /** Drives the per-rule timeout; tests pass a FakeClock. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Largest answer body read, in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
}

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
 * rule's URL (and only there: a redirect is not followed, and is not a usable
 * answer), waits at most the
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
  const clock = options.clock ?? systemClock;
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const started = clock.now();
  const url = routerUrl(rule.url);
  if (!url) return { ok: false, problem: { kind: 'bad-url', message: `URL ${JSON.stringify(logSafe(rule.url, 200))} is not http(s)` }, elapsedMs: 0 };
  const res = await sendHttp(
    { method: 'POST', url, headers: { ...rule.headers, accept: 'application/json' }, json: request, timeoutMs: rule.timeoutMs, maxBytes: maxBody },
    { clock, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
  const elapsedMs = clock.now() - started;
  const read = readAnswer(res, rule.timeoutMs, maxBody);
  if (read.ok) return { ok: true, answer: read.answer, elapsedMs, status: res.status };
  return { ok: false, problem: read.problem, elapsedMs, ...(res.status !== 0 ? { status: res.status } : {}) };
}

/** The checked answer, or why there is none in the router's own words (logs and scenario files match them). */
function readAnswer(res: HttpResult, timeoutMs: number, maxBody: number): { ok: true; answer: HttpRouterAnswer } | { ok: false; problem: RouterProblem } {
  if (!res.answered) {
    if (res.failure === 'timeout') return fail('timeout', `no answer within ${timeoutMs}ms`);
    if (res.failure === 'too_large') return fail('too-large', `answer is larger than ${maxBody} bytes`);
    return fail('connection', `request failed: ${logSafe(res.message)}`);
  }
  if (res.status < 200 || res.status > 299) return fail('status', `HTTP ${res.status}`);
  const json = parseJsonBody(res.body);
  if (!json.ok) return fail('not-json', 'answer is not JSON');
  const checked = checkRouterAnswer(json.value);
  return checked.ok ? { ok: true, answer: checked.answer } : fail('invalid-answer', `answer refused: ${checked.problems.join('; ')}`, checked.problems);
}

function fail(kind: RouterProblemKind, message: string, details?: readonly string[]): { ok: false; problem: RouterProblem } {
  return { ok: false, problem: { kind, message, ...(details ? { details } : {}) } };
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
