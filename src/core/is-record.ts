/**
 * True for a mapping as JSON, YAML and TOML parsers return one: an object
 * that is neither null nor an array. `V` only types the values for callers
 * that know them (e.g. JSON read off the wire); nothing is checked per value.
 */
export function isRecord<V = unknown>(value: unknown): value is Record<string, V> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
