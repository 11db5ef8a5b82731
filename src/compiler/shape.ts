/** A plain map (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of JSON-like data, so the IR never shares objects with parsed files. */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
