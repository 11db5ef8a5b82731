/** A deep copy of JSON-like data, so the IR never shares objects with parsed files. */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
