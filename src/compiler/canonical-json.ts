/**
 * JSON with object keys sorted at every level, so equal data always gives
 * equal text (for hashing and structural comparison). Keys listed in `omit`
 * are dropped wherever they appear.
 */
export function canonicalJson(value: unknown, omit: ReadonlySet<string> = new Set()): string {
  return JSON.stringify(sortKeys(value, omit));
}

function sortKeys(value: unknown, omit: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, omit));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (omit.has(key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v, omit);
    }
    return out;
  }
  return value;
}

/** Structural equality of JSON-like data. */
export function sameData(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
