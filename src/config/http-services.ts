import { parseDuration } from '../core/duration';
import type { JsonPath } from '../core/json-path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { HttpServiceIR } from '../ir/types';
import { hasControlChars } from '../routing/dial-safety';
import { HTTP_TIMEOUT_DEFAULTS } from '../core/defaults';
import { isRecord } from '../core/is-record';

/**
 * The `http_services` section as {@link HttpServiceIR}s, checked beyond the
 * schema (after `${ENV}` expansion): the URL parses as http(s) without
 * credentials, header values have no line breaks, the timeout is in range.
 * Problems come back as diagnostics at their path; the config loader adds
 * file and line.
 */
export function normalizeHttpServices(raw: unknown, basePath: JsonPath = ['http_services']): { services: Record<string, HttpServiceIR>; diagnostics: Diagnostic[] } {
  const services: Record<string, HttpServiceIR> = {};
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(raw)) return { services, diagnostics };
  const report = (path: JsonPath, message: string, hint?: string): void => {
    diagnostics.push(diagnostic({ code: 'SCHEMA_VALUE', path: [...basePath, ...path], message, ...(hint ? { hint } : {}) }));
  };
  for (const [name, entry] of Object.entries(raw)) {
    if (!isRecord(entry)) continue;
    const url = String(entry.url ?? '');
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      report([name, 'url'], `http service ${name}: ${JSON.stringify(url)} is not an http(s) URL`);
      continue;
    }
    if (parsed.username || parsed.password) {
      report([name, 'url'], `http service ${name}: put credentials in headers, not in the URL`, 'Write headers: { Authorization: "Basic ${CRM_AUTH}" }.');
      continue;
    }
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(isRecord(entry.headers) ? entry.headers : {})) {
      if (typeof value === 'string' && hasControlChars(value)) report([name, 'headers', header], `http service ${name}: header ${header} holds a line break or control character`);
      else headers[header] = String(value);
    }
    let timeoutMs: number | undefined;
    if (entry.timeout !== undefined) {
      timeoutMs = parseDuration(entry.timeout);
      if (timeoutMs === undefined || timeoutMs <= 0 || timeoutMs > HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs) {
        report([name, 'timeout'], `http service ${name}: timeout must be more than 0 and at most ${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s`);
        timeoutMs = undefined;
      }
    }
    services[name] = { url: parsed.href, headers, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
  }
  return { services, diagnostics };
}
