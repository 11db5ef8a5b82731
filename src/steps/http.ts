import { VoxtraError } from '../core/errors';
import { didYouMean } from '../diagnostics/did-you-mean';
import type { HttpServiceIR, StepIR } from '../ir/types';
import { VARIABLE_NAME } from '../call/safe-input';
import { HTTP_HEADER_NAME, sendHttpRequest, type HttpOutcome } from './http-request';
import { flowUrl, literalOrigin, serviceUrl, withQuery } from './http-url';
import { JSON_PICK_PATTERN, parsePick, pick } from './json-pick';
import { HTTP_TIMEOUT_DEFAULTS } from '../core/defaults';
import { isRecord } from '../core/is-record';
import { intoSchema, objectSchema, ref, scalarSchema } from './schema-helpers';
import type { StepBranch, StepContext, StepDefinition } from './step-definition';
import type { StepRule } from './step-rule';
import { checkTrustedTemplate } from './trusted-template';
import { channelVarText } from './set-channel-var';
import { NEXT } from './step-result';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Defaults of the http step. */
export const HTTP_DEFAULTS = { timeoutMs: HTTP_TIMEOUT_DEFAULTS.timeoutMs, maxBytes: 256 * 1024, into: 'http' } as const;

export interface HttpParams {
  /** A name under `http_services` in the config... */
  readonly service?: string;
  /** ...or a URL written in the flow (templates over metadata only, after the origin). */
  readonly url?: string;
  /** Appended to the service's URL; a template over metadata only. */
  readonly path?: string;
  readonly method: (typeof HTTP_METHODS)[number];
  /** Query parameters; values are templates (caller input is fine here: it is URL-encoded). */
  readonly query?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; strings inside are templates. */
  readonly body?: unknown;
  readonly timeoutMs?: number;
  readonly into: string;
  /** Variable → path into the answer. */
  readonly save?: Readonly<Record<string, string>>;
  readonly onError?: readonly StepIR[];
}

const CALLER_INPUT_ADVICE = 'pass caller input as a `query` parameter or in the `body` instead.';

const TEMPLATE_VALUE = scalarSchema('A value (strings are templates).');

/** UNKNOWN_HTTP_SERVICE: an http step names a service that `http_services` in the config does not declare. */
const unknownHttpService: StepRule<HttpParams> = {
  name: 'unknown-http-service',
  code: 'UNKNOWN_HTTP_SERVICE',
  settings: ['httpServices'],
  check(step, ctx) {
    const service = step.params.service;
    const declared = Object.keys(ctx.settings.httpServices ?? {});
    if (service === undefined || declared.includes(service)) return;
    ctx.report({
      at: step,
      message: `http service "${service}" is not declared in the config`,
      hint: didYouMean(service, declared) ?? (declared.length ? `Declared services: ${declared.join(', ')}.` : 'The config declares no http_services.'),
    });
  },
};

export const httpStep: StepDefinition<HttpParams> = {
  type: 'http',
  shape: 'step',
  defaults: HTTP_DEFAULTS,
  description:
    'Sends an HTTP request to a service from the config (or a URL in the flow) and saves the JSON answer into variables; `on_error` runs on a status outside 2xx, a timeout, a network error or an answer that is not JSON.',
  schema: objectSchema(
    'The request: { service or url, path, method, query, headers, body, timeout, into, save, on_error }.',
    {
      service: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$', description: 'A service declared under http_services in the config; its url, headers and timeout apply.' },
      url: {
        type: 'string',
        pattern: '^https?://',
        maxLength: 2048,
        description: 'A URL instead of a service. Templates may follow the origin and read metadata only, e.g. "https://crm.example.com/{{ metadata.tenant }}/lookup".',
      },
      path: { type: 'string', maxLength: 1024, description: 'Appended to the service URL; a template over metadata only, e.g. "/tenants/{{ metadata.tenant }}/lookup".' },
      method: { enum: [...HTTP_METHODS], description: 'HTTP method (default GET, or POST when there is a body).' },
      query: {
        type: 'object',
        description: 'Query parameters; values are templates and may hold caller input (they are URL-encoded).',
        propertyNames: { pattern: '^[A-Za-z0-9_.~-]{1,64}$' },
        additionalProperties: TEMPLATE_VALUE,
      },
      headers: {
        type: 'object',
        description: 'Request headers (over the service\'s own); values are templates.',
        propertyNames: { pattern: HTTP_HEADER_NAME.source },
        additionalProperties: { type: 'string', maxLength: 4096, description: 'The header value (a template; line breaks are refused).' },
      },
      body: { description: 'JSON body (any JSON value); strings inside are templates. Sent with content-type application/json.' },
      timeout: ref('duration', `How long to wait for the whole answer (default: the service's, else ${HTTP_TIMEOUT_DEFAULTS.timeoutMs / 1000}s; at most ${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s).`),
      into: intoSchema(50, 'Variable for the parsed answer (default http); <into>_status gets the HTTP status (0 without one), <into>_error the failure or "".'),
      save: {
        type: 'object',
        description: 'Variable → path into the answer: $ (all of it), $.name, $.list[0], $["odd key"].',
        propertyNames: { pattern: VARIABLE_NAME.source },
        additionalProperties: { type: 'string', pattern: JSON_PICK_PATTERN, description: 'A path such as $.customer.name.' },
      },
      on_error: ref('steps', 'Steps run when the request fails (status outside 2xx, timeout, network error, an answer that is not JSON or is too large).'),
    },
  ),
  normalize(raw, ctx) {
    const r = raw as Record<string, unknown>;
    const hasService = typeof r.service === 'string';
    const hasUrl = typeof r.url === 'string';
    if (hasService === hasUrl) ctx.report({ code: 'SCHEMA_INVALID', message: 'an http step needs either `service` or `url` (not both)', rel: [] });
    if (typeof r.path === 'string') {
      if (!hasService) ctx.report({ code: 'SCHEMA_INVALID', message: '`path` goes with `service`; write the whole `url` instead', rel: ['path'] });
      checkTrustedTemplate(r.path, ['path'], ctx, { what: 'A URL path', advice: CALLER_INPUT_ADVICE });
    }
    if (typeof r.url === 'string') {
      if (literalOrigin(r.url) === undefined && /\{\{|\{%/.test(r.url)) {
        ctx.report({ code: 'UNTRUSTED_TEMPLATE', message: 'A URL must have its scheme, host and port written out before any template', rel: ['url'], hint: 'Write https://host/ literally, then templates; or declare the service under http_services.' });
      }
      checkTrustedTemplate(r.url, ['url'], ctx, { what: 'A URL', advice: CALLER_INPUT_ADVICE });
    }
    const method = typeof r.method === 'string' ? (r.method as HttpParams['method']) : r.body !== undefined ? 'POST' : 'GET';
    if (method === 'GET' && r.body !== undefined) ctx.report({ code: 'SCHEMA_VALUE', message: 'a GET request has no body; use POST (or put the values in `query`)', rel: ['body'] });
    let timeoutMs: number | undefined;
    if (r.timeout !== undefined) {
      timeoutMs = ctx.duration(r.timeout, ['timeout']);
      if (timeoutMs === 0 || timeoutMs > HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs) ctx.report({ code: 'SCHEMA_VALUE', message: `timeout must be more than 0 and at most ${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s`, rel: ['timeout'] });
    }
    return {
      ...(hasService ? { service: String(r.service) } : {}),
      ...(hasUrl ? { url: String(r.url) } : {}),
      ...(typeof r.path === 'string' ? { path: r.path } : {}),
      method,
      ...(isRecord(r.query) ? { query: r.query } : {}),
      ...(isRecord(r.headers) ? { headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])) } : {}),
      ...(r.body !== undefined ? { body: r.body } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      into: typeof r.into === 'string' ? r.into : HTTP_DEFAULTS.into,
      ...(isRecord(r.save) ? { save: Object.fromEntries(Object.entries(r.save).map(([k, v]) => [k, String(v)])) } : {}),
      ...(r.on_error !== undefined ? { onError: ctx.steps(r.on_error, ['on_error']) } : {}),
    };
  },
  branches: (p): StepBranch[] => (p.onError ? [{ key: 'on_error', steps: p.onError }] : []),
  writesVars: (p) => [p.into, `${p.into}_status`, `${p.into}_error`, ...Object.keys(p.save ?? {})],
  rules: [unknownHttpService],
  summary: (p) => [`http ${p.method} ${p.service !== undefined ? `${p.service}${p.path ?? ''}` : (p.url ?? '')}`.trimEnd()],
  async execute(p, ctx) {
    const service = p.service !== undefined ? serviceOf(p.service, ctx) : undefined;
    const url = service ? serviceUrl(service.url, p.path === undefined ? undefined : ctx.render(p.path)) : flowUrl(ctx.render(p.url ?? ''), p.url ?? '');
    const query = Object.fromEntries(Object.entries(p.query ?? {}).map(([k, v]) => [k, channelVarText(ctx.renderValue(v))]));
    withQuery(url, query);
    const headers = { ...(service?.headers ?? {}), ...Object.fromEntries(Object.entries(p.headers ?? {}).map(([k, v]) => [k, ctx.render(v)])) };
    const timeoutMs = Math.min(p.timeoutMs ?? service?.timeoutMs ?? HTTP_DEFAULTS.timeoutMs, HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs);
    const started = ctx.clock.now();
    const outcome = await sendHttpRequest(
      { method: p.method, url, headers, ...(p.body !== undefined ? { body: ctx.renderValue(p.body) } : {}), timeoutMs, maxBytes: HTTP_DEFAULTS.maxBytes },
      { clock: ctx.clock, signal: ctx.signal, ...(ctx.services.http ? { fetch: ctx.services.http.fetch } : {}) },
    );
    report(ctx, p, url, outcome, ctx.clock.now() - started);
    ctx.setVar(p.into, outcome.body);
    ctx.setVar(`${p.into}_status`, outcome.status);
    ctx.setVar(`${p.into}_error`, outcome.ok ? '' : outcome.error);
    for (const [name, path] of Object.entries(p.save ?? {})) {
      const segments = parsePick(path);
      const value = outcome.ok && segments ? pick(outcome.body, segments) : undefined;
      ctx.setVar(name, value === undefined ? null : value);
    }
    return !outcome.ok && p.onError ? ctx.run(p.onError) : NEXT;
  },
};

function serviceOf(name: string, ctx: StepContext): HttpServiceIR {
  const service = ctx.snapshot.settings.httpServices?.[name];
  if (!service) throw new VoxtraError('STEP_FAILED', `http service "${name}" is not declared under http_services in the config`);
  return service;
}

/** Logs and reports the request without its query (caller data) or headers (secrets). */
function report(ctx: StepContext, p: HttpParams, url: URL, outcome: HttpOutcome, durationMs: number): void {
  const where = `${url.origin}${url.pathname}`;
  const detail = { ...(p.service ? { service: p.service } : {}), method: p.method, url: where, status: outcome.status, durationMs, ...(outcome.ok ? {} : { error: outcome.error }) };
  if (outcome.ok) ctx.log.info(detail, `http ${p.method} ${where}: ${outcome.status}`);
  else ctx.log.warn(detail, `http ${p.method} ${where} failed: ${outcome.message}`);
}
