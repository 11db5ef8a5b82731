/** `a string`, `a number`, `a list`... for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'a map',
  array: 'a list',
  null: 'nothing (null)',
};

/** Names JSON Schema types the way users read them. */
export function describeSchemaTypes(types: readonly string[]): string {
  const names = [...new Set(types)].map((t) => TYPE_NAMES[t] ?? t);
  if (names.length <= 1) return names[0] ?? 'another value';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** `"a", "b" or "c"` for lists of allowed values. */
export function quoteList(values: readonly unknown[], joiner = 'or'): string {
  const q = values.map((v) => JSON.stringify(v));
  if (q.length <= 1) return q[0] ?? '';
  return `${q.slice(0, -1).join(', ')} ${joiner} ${q[q.length - 1]}`;
}
