import type { JsonPath } from '../core/json-path';
import { didYouMean } from '../diagnostics/did-you-mean';
import type { CompileSink } from './sink';

/** Reports every key of `obj` outside `allowed` as SCHEMA_UNKNOWN_PROPERTY; returns true when there were none. */
export function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: JsonPath, sink: CompileSink): boolean {
  let ok = true;
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    ok = false;
    sink.report({
      code: 'SCHEMA_UNKNOWN_PROPERTY',
      message: `unknown key "${key}"`,
      path: [...path, key],
      atKey: true,
      hint: didYouMean(key, allowed) ?? `Allowed keys here: ${allowed.join(', ')}.`,
    });
  }
  return ok;
}

/** Reports a value that should be a string; returns it when it is one. */
export function expectString(value: unknown, path: JsonPath, sink: CompileSink): string | undefined {
  if (typeof value === 'string') return value;
  sink.report({ code: 'SCHEMA_TYPE', message: `expected a string, got ${typeName(value)}`, path });
  return undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}
