import type { JsonPath } from '../core/json-path';
import { parseDuration } from '../core/duration';
import { closestName } from '../diagnostics/did-you-mean';
import type { AppSnapshot } from '../ir/types';
import type { ScenarioContext } from './scenario-context';
import type { CannedAnswer, CannedEndpoint } from './scenario-types';

type Raw = Record<string, unknown>;

/** The canonical form URLs are compared in (`http://host/` with its trailing slash, lower-case host). */
export function canonicalUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** HTTP dispatch rules of an app, by name → URL. */
export function httpRules(snapshot: AppSnapshot | undefined): Map<string, string> {
  const rules = new Map<string, string>();
  for (const rule of snapshot?.dispatch ?? []) if (rule.kind === 'http') rules.set(rule.name, rule.url);
  return rules;
}

/** The app's named HTTP services (`http_services` in the config), by name → base URL. */
export function httpServices(snapshot: AppSnapshot | undefined): Map<string, string> {
  const services = new Map<string, string>();
  const raw: unknown = snapshot?.settings.httpServices;
  if (raw === null || typeof raw !== 'object') return services;
  for (const [name, svc] of Object.entries(raw)) {
    const url = (svc as { url?: unknown } | null)?.url;
    if (typeof url === 'string') services.set(name, url);
  }
  return services;
}

/**
 * True when a request to `requestUrl` goes to the endpoint `endpointUrl`:
 * the same URL, or a URL below it (`http://crm/api` answers
 * `http://crm/api/customers/42?x=1`). Query strings of requests are ignored
 * unless the endpoint has one.
 */
export function endpointMatches(endpointUrl: string, requestUrl: string): boolean {
  if (endpointUrl === requestUrl) return true;
  let endpoint: URL;
  let request: URL;
  try {
    endpoint = new URL(endpointUrl);
    request = new URL(requestUrl);
  } catch {
    return false;
  }
  if (endpoint.origin !== request.origin) return false;
  if (endpoint.search !== '' && endpoint.search !== request.search) return false;
  const base = endpoint.pathname.replace(/\/+$/, '');
  return request.pathname === endpoint.pathname || request.pathname === base || request.pathname.startsWith(`${base}/`);
}

/**
 * The URL a key stands for: an http(s) URL as written, the URL of the app's
 * HTTP dispatch rule of that name, or the base URL of its HTTP service of
 * that name. Reports SCENARIO_UNKNOWN_HTTP otherwise.
 */
export function resolveHttpKey(key: string, snapshot: AppSnapshot | undefined, path: JsonPath, ctx: ScenarioContext, atKey: boolean): string | undefined {
  const rules = httpRules(snapshot);
  const services = httpServices(snapshot);
  const named = rules.get(key) ?? services.get(key);
  const url = canonicalUrl(named ?? key);
  if (url) return url;
  const names = [...rules.keys(), ...services.keys()];
  const guess = closestName(key, names);
  const known = names.length > 0 ? `; its HTTP dispatch rules and services are ${names.join(', ')}` : '';
  ctx.report('SCENARIO_UNKNOWN_HTTP', `"${key}" is neither an http(s) URL nor an HTTP dispatch rule or HTTP service of app ${snapshot?.app ?? '?'}${known}`, path, {
    key: atKey,
    ...(guess ? { hint: `Did you mean "${guess}"?` } : {}),
  });
  return undefined;
}

/** Reads merged `http` entries (`[key, raw, path]`) into canned endpoints. */
export function normalizeHttp(entries: readonly [string, unknown, JsonPath][], snapshot: AppSnapshot | undefined, ctx: ScenarioContext): CannedEndpoint[] {
  const out: CannedEndpoint[] = [];
  for (const [key, raw, path] of entries) {
    const url = resolveHttpKey(key, snapshot, path, ctx, true);
    if (!url) continue;
    const list = Array.isArray(raw) ? raw : [raw];
    const answers: CannedAnswer[] = [];
    list.forEach((a: Raw, i) => {
      const answer = normalizeAnswer(a, Array.isArray(raw) ? [...path, i] : path, ctx);
      if (answer) answers.push(answer);
    });
    if (answers.length > 0) out.push({ key, url, answers, source: ctx.at(path, true) });
  }
  return out;
}

function normalizeAnswer(a: Raw, path: JsonPath, ctx: ScenarioContext): CannedAnswer | undefined {
  const delayMs = a.delay !== undefined ? (parseDuration(a.delay) ?? 0) : 0;
  const bodyKeys = ['status', 'json', 'body', 'headers'].filter((k) => a[k] !== undefined);
  if (a.timeout === true) {
    const other = [...bodyKeys, ...(a.error !== undefined ? ['error'] : []), ...(a.delay !== undefined ? ['delay'] : [])];
    if (other.length > 0) {
      ctx.report('SCENARIO_INVALID', `an answer that times out has no ${other.join(', ')}`, [...path, other[0]], { key: true });
      return undefined;
    }
    return { kind: 'timeout' };
  }
  if (typeof a.error === 'string') {
    if (bodyKeys.length > 0) {
      ctx.report('SCENARIO_INVALID', `a failed connection has no ${bodyKeys.join(', ')}`, [...path, bodyKeys[0]], { key: true });
      return undefined;
    }
    return { kind: 'error', message: a.error, delayMs };
  }
  if (a.json !== undefined && a.body !== undefined) {
    ctx.report('SCENARIO_INVALID', 'give json or body, not both', [...path, 'body'], { key: true });
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((a.headers as Record<string, string> | undefined) ?? {})) headers[k.toLowerCase()] = v;
  if (a.json !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  const body = a.json !== undefined ? JSON.stringify(a.json) : typeof a.body === 'string' ? a.body : '';
  return { kind: 'answer', status: typeof a.status === 'number' ? a.status : 200, headers, body, delayMs };
}
