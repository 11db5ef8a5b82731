/**
 * Keeps ARI credentials out of anything we log or rethrow. ari-client's own
 * design puts `api_key=user:pass` in the events URL, and HTTP libraries like
 * to echo URLs and headers in their error messages, so every URL and error
 * text that leaves the adapter goes through here.
 */

const API_KEY = /([?&]api_key=)[^&#\s]*/gi;
const BASIC = /(Basic\s+)[A-Za-z0-9+/=]{4,}/g;
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;

/** Removes userinfo and `api_key` values from a URL (or any text holding URLs). */
export function redactUrl(url: string): string {
  return url.replace(USERINFO, '$1<redacted>@').replace(API_KEY, '$1<redacted>');
}

/** Redacts URLs, Basic credentials and the given secrets (raw and URI-encoded) from text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrl(text).replace(BASIC, '$1<redacted>');
  for (const secret of secrets) {
    if (secret.length < 3) continue; // too short to redact without mangling ordinary words
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('<redacted>');
  }
  return out;
}

/** A copy of an error whose message and stack carry no credentials. */
export function redactError(err: unknown, secrets: readonly string[] = []): Error {
  const source = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(redactText(source.message, secrets));
  copy.name = source.name;
  if (source.stack) copy.stack = redactText(source.stack, secrets);
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}
