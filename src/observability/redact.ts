/** What a redacted secret is replaced with, in log fields and URLs. */
export const REDACTED = '[REDACTED]';

// Keys compared after lower-casing and dropping '-' and '_', so `apiKey`,
// `api_key`, `API-KEY` and `X-Api-Key` all hit.
const SECRET_KEYS = new Set(['password', 'passwd', 'pass', 'secret', 'authorization', 'proxyauthorization', 'apikey', 'xapikey']);

// Query parameters and `name=value` pairs that carry credentials. The ARI
// WebSocket URL carries `api_key=user:pass`.
const SECRET_PARAM = /\b(api_key|apikey|password|passwd|pass|secret|token|access_token)=([^&#\s"',;]*)/gi;
// `scheme://user:pass@host` (any userinfo, since a bare user may be a token).
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+@/gi;

// Deeper structures are cut rather than walked: log fields are small, and an
// unwalked subtree could leak a secret.
const MAX_DEPTH = 10;

/** True when a field of this name holds a credential. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
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
 * Returns `value` with secret-named fields replaced by {@link REDACTED} at
 * any depth (up to a bound) and credentials removed from every string.
 * Plain objects and arrays are copied only where something changed; class
 * instances (Error, Date, Buffer...) are left to their serializers.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, 0, new WeakSet()) as T;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactUrl(value);
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (isArray) {
      let out: unknown[] | undefined;
      value.forEach((item: unknown, i: number) => {
        const next = walk(item, depth + 1, seen);
        if (next !== item) (out ??= value.slice())[i] = next;
      });
      return out ?? value;
    }
    let out: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const next = isSecretKey(key) && item !== undefined && item !== null ? REDACTED : walk(item, depth + 1, seen);
      if (next !== item) (out ??= { ...record })[key] = next;
    }
    return out ?? value;
  } finally {
    // Only ancestors count as cycles; the same object twice side by side is fine.
    seen.delete(value);
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
