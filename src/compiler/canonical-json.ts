/** Decides which entries to leave out of the canonical form. */
export type OmitEntry = (key: string, value: unknown) => boolean;

/**
 * JSON with object keys sorted at every level, so equal data always gives
 * equal text (for hashing and structural comparison). Entries `omit`
 * accepts are dropped wherever they appear.
 */
export function canonicalJson(value: unknown, omit: OmitEntry = () => false): string {
  return JSON.stringify(sortKeys(value, omit));
}

function sortKeys(value: unknown, omit: OmitEntry): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, omit));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || omit(key, v)) continue;
      out[key] = sortKeys(v, omit);
    }
    return out;
  }
  return value;
}

/** Structural equality of JSON-like data. */
export function sameData(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
