import { sleep, type Clock } from '../core/clock';
import { canonicalUrl, endpointMatches } from './normalize-http';
import type { CannedEndpoint } from './scenario-types';

/** One request the flows made, and what the scenario answered. */
export interface HttpExchange {
  readonly url: string;
  readonly method: string;
  /** The body: parsed JSON when it is JSON, else the text. */
  readonly body?: unknown;
  /** Simulated ms since the call was placed. */
  readonly atMs: number;
  readonly answered: 'answer' | 'timeout' | 'error' | 'unmatched';
  readonly status?: number;
}

const NO_BODY = new Set([204, 205, 304]);

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** Rejects like fetch does when the connection fails. */
function networkError(message: string): TypeError {
  return new TypeError('fetch failed', { cause: new Error(message) });
}

function aborted(signal: AbortSignal | null | undefined): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * A `fetch` that answers from a scenario's canned answers on the simulated
 * clock: no network. Each endpoint's answers are used in order (the last
 * repeats); `timeout` never answers (the caller's abort ends it); a request
 * no endpoint answers fails like a refused connection. Every request is
 * recorded in `log`.
 */
export function cannedFetch(endpoints: readonly CannedEndpoint[], opts: { readonly clock: Clock; readonly sinceStart: () => number; readonly log: HttpExchange[] }): typeof fetch {
  const used = new Map<CannedEndpoint, number>();
  const doFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = canonicalUrl(requestUrl(input)) ?? requestUrl(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const signal = init?.signal;
    const base = { url, method, ...(init?.body !== undefined ? { body: parseBody(init.body) } : {}), atMs: opts.sinceStart() };
    // The most specific endpoint wins: `http://crm/api/customers` before `http://crm/api`.
    const endpoint = endpoints.filter((e) => endpointMatches(e.url, url)).sort((a, b) => b.url.length - a.url.length)[0];
    if (!endpoint) {
      opts.log.push({ ...base, answered: 'unmatched' });
      throw networkError(`connect ECONNREFUSED (the scenario has no canned answer for ${url})`);
    }
    const n = used.get(endpoint) ?? 0;
    used.set(endpoint, n + 1);
    const answer = endpoint.answers[Math.min(n, endpoint.answers.length - 1)];
    if (signal?.aborted) throw aborted(signal);
    if (answer.kind === 'timeout') {
      opts.log.push({ ...base, answered: 'timeout' });
      return new Promise<Response>((_, reject) => {
        if (!signal) return;
        signal.addEventListener('abort', () => reject(aborted(signal)), { once: true });
      });
    }
    opts.log.push({ ...base, answered: answer.kind, ...(answer.kind === 'answer' ? { status: answer.status } : {}) });
    try {
      if (answer.delayMs > 0) await sleep(opts.clock, answer.delayMs, signal ?? undefined);
    } catch {
      throw aborted(signal);
    }
    if (answer.kind === 'error') throw networkError(answer.message);
    return new Response(NO_BODY.has(answer.status) ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
  return doFetch as typeof fetch;
}
