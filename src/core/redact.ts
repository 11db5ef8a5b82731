/**
 * Keeps credentials out of anything Voxtra logs, serves or rethrows: the one
 * place that knows what a secret looks like (field names, URL userinfo,
 * `api_key=`-like parameters, Basic credentials) and the one marker that
 * replaces it, so a URL reads the same in every log line and error.
 */

/** What a redacted secret is replaced with, in log fields and URLs. */
export const REDACTED = '[REDACTED]';

// Keys compared after lower-casing and dropping '-' and '_', so `apiKey`,
// `api_key`, `API-KEY` and `X-Api-Key` all hit.
const SECRET_KEYS = new Set(['password', 'passwd', 'pass', 'secret', 'authorization', 'proxyauthorization', 'apikey', 'xapikey']);

// Query parameters and `name=value` pairs that carry credentials. The ARI
// WebSocket URL carries `api_key=user:pass` (ari-client's own design).
const SECRET_PARAM = /\b(api_key|apikey|password|passwd|pass|secret|token|access_token)=([^&#\s"',;]*)/gi;
// `scheme://user:pass@host` (any userinfo, since a bare user may be a token).
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+@/gi;
// HTTP libraries like to echo headers in their error messages.
const BASIC = /(Basic\s+)[A-Za-z0-9+/=]{4,}/g;

// Deeper structures are cut rather than walked: log fields are small, and an
// unwalked subtree could leak a secret.
const MAX_DEPTH = 10;

// Field names come from code, so they are few: each is normalised once (every log line walks its fields).
const secretKeyCache = new Map<string, boolean>();
const SECRET_KEY_CACHE_MAX = 10_000;

/** True when a field of this name holds a credential. */
export function isSecretKey(key: string): boolean {
  let secret = secretKeyCache.get(key);
  if (secret === undefined) {
    secret = SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
    if (secretKeyCache.size >= SECRET_KEY_CACHE_MAX) secretKeyCache.clear();
    secretKeyCache.set(key, secret);
  }
  return secret;
}

/**
 * Removes credentials from a URL (or any text holding URLs): the userinfo
 * part (`user:pass@`) and `api_key=`, `password=`, `token=`-like parameters.
 * The rest of the text is kept so the log still says where it connected.
 */
export function redactUrl(text: string): string {
  if (!text.includes('=') && !text.includes('@')) return text;
  return text.replace(USERINFO, `$1${REDACTED}@`).replace(SECRET_PARAM, `$1=${REDACTED}`);
}

/**
 * Redacts URLs, Basic credentials and the given secrets (raw and URI-encoded)
 * from free text such as an error message from a transport.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrl(text).replace(BASIC, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length < 3) continue; // too short to redact without mangling ordinary words
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** A copy of an error whose message and stack carry no credentials (its `code` is kept). */
export function redactError(err: unknown, secrets: readonly string[] = []): Error {
  const source = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(redactText(source.message, secrets));
  copy.name = source.name;
  if (source.stack) copy.stack = redactText(source.stack, secrets);
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

/**
 * Returns `value` with secret-named fields replaced by {@link REDACTED} at
 * any depth (up to a bound) and credentials removed from every string.
 * Plain objects and arrays are copied only where something changed; class
 * instances (Error, Date, Buffer...) are left to their serializers.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, []) as T;
}

// `ancestors` is the path from the root (its length is the depth): at most MAX_DEPTH objects, so a scan is
// cheaper than a WeakSet per call (every log line is walked).
function walk(value: unknown, ancestors: object[]): unknown {
  if (typeof value === 'string') return redactUrl(value);
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  if (ancestors.length >= MAX_DEPTH) return '[Truncated]';
  // Only ancestors count as cycles; the same object twice side by side is fine.
  if (ancestors.includes(value)) return '[Circular]';
  ancestors.push(value);
  try {
    if (isArray) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const next = walk(item, ancestors);
        if (next !== item) (out ??= value.slice())[i] = next;
      }
      return out ?? value;
    }
    let out: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const item = record[key];
      const next = isSecretKey(key) && item !== undefined && item !== null ? REDACTED : walk(item, ancestors);
      if (next !== item) (out ??= { ...record })[key] = next;
    }
    return out ?? value;
  } finally {
    ancestors.pop();
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
