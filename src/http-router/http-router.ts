import { systemClock, type Clock } from '../core/clock';
import { parseJsonBody, sendHttp, type HttpResult } from '../core/http-client';
import { silentLogger, type Logger } from '../core/logger';
import { logSafe } from '../routing/dial-safety';
import { checkRouterAnswer } from '../routing/http-answer';
import type { HttpRouter, HttpRouterAnswer } from '../routing/http-router-types';

export interface HttpRouterOptions {
  /** Defaults to the global fetch (Node 20). */
  readonly fetch?: typeof fetch;
  /** Drives the per-rule timeout; tests pass a FakeClock. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Largest answer body read, in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
}

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
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const maxBody = options.maxBodyBytes ?? 64 * 1024;

  return async (rule, request) => {
    const log = logger.child({ rule: rule.name, url: rule.url, callId: request.call_id });
    const started = clock.now();
    const url = routerUrl(rule.url);
    if (!url) {
      log.warn('HTTP router URL is not http(s); rule skipped');
      return undefined;
    }
    const res = await sendHttp(
      { method: 'POST', url, headers: { ...rule.headers, accept: 'application/json' }, json: request, timeoutMs: rule.timeoutMs, maxBytes: maxBody },
      { clock, ...(options.fetch ? { fetch: options.fetch } : {}) },
    );
    const read = readAnswer(res, rule.timeoutMs, maxBody);
    if (!read.ok) {
      log.warn({ elapsedMs: clock.now() - started }, `HTTP router gave no usable answer (${read.why}); falling through`);
      return undefined;
    }
    logAnswer(log, read.answer, clock.now() - started);
    return read.answer;
  };
}

/** The checked answer, or why there is none in the router's own words (logs and scenario files match them). */
function readAnswer(res: HttpResult, timeoutMs: number, maxBody: number): { ok: true; answer: HttpRouterAnswer } | { ok: false; why: string } {
  if (!res.answered) {
    if (res.failure === 'timeout') return { ok: false, why: `no answer within ${timeoutMs}ms` };
    if (res.failure === 'too_large') return { ok: false, why: `answer is larger than ${maxBody} bytes` };
    return { ok: false, why: `request failed: ${logSafe(res.message)}` };
  }
  if (res.status < 200 || res.status > 299) return { ok: false, why: `HTTP ${res.status}` };
  const json = parseJsonBody(res.body);
  if (!json.ok) return { ok: false, why: 'answer is not JSON' };
  const checked = checkRouterAnswer(json.value);
  return checked.ok ? { ok: true, answer: checked.answer } : { ok: false, why: `answer refused: ${checked.problems.join('; ')}` };
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
