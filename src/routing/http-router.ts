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

class RouterFailure extends Error {}

/**
 * The HTTP router protocol client: POSTs the call's facts as JSON to the
 * rule's URL (and only there: redirects are refused), waits at most the
 * rule's timeout, and returns the checked answer. Every failure (timeout,
 * transport error, non-2xx, bad JSON, oversized body, an answer failing its
 * schema or safety checks) is logged and resolves undefined, so resolution
 * falls through to the next rule.
 */
export function createHttpRouter(options: HttpRouterOptions = {}): HttpRouter {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
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
    const controller = new AbortController();
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, rule.timeoutMs);
    try {
      const text = await post(doFetch, url, rule, request, controller.signal, maxBody);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new RouterFailure('answer is not JSON');
      }
      const checked = checkRouterAnswer(json);
      if (!checked.ok) throw new RouterFailure(`answer refused: ${checked.problems.join('; ')}`);
      logAnswer(log, checked.answer, clock.now() - started);
      return checked.answer;
    } catch (err) {
      const why = timedOut ? `no answer within ${rule.timeoutMs}ms` : err instanceof RouterFailure ? err.message : `request failed: ${errorText(err)}`;
      log.warn({ elapsedMs: clock.now() - started }, `HTTP router gave no usable answer (${why}); falling through`);
      return undefined;
    } finally {
      clock.clearTimeout(timer);
    }
  };
}

function routerUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

async function post(
  doFetch: typeof fetch,
  url: URL,
  rule: HttpDispatchRule,
  request: HttpRouterRequest,
  signal: AbortSignal,
  maxBody: number,
): Promise<string> {
  const res = await doFetch(url, {
    method: 'POST',
    headers: { ...rule.headers, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
    redirect: 'error',
    signal,
  });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new RouterFailure(`HTTP ${res.status}`);
  }
  try {
    return await readBounded(res, maxBody);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new RouterFailure(`answer is larger than ${maxBody} bytes`);
    throw err;
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

function errorText(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return logSafe(err instanceof Error ? `${err.message}${cause}` : String(err));
}
