import { parse, TomlError } from 'smol-toml';
import { diagnostic } from '../diagnostics/diagnostic';
import type { ParseResult } from './source-document';
import { tomlLocator } from './toml-locator';

/** Parses TOML with smol-toml; positions of values come from a best-effort line scanner. */
export function parseTomlSource(file: string, text: string): ParseResult {
  let value: unknown;
  try {
    value = toPlain(parse(text));
  } catch (err) {
    if (err instanceof TomlError) {
      const message = err.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      const duplicate = /already (been )?defined|overrid|duplicate/i.test(message);
      return { diagnostics: [diagnostic({ code: duplicate ? 'DUPLICATE_KEY' : 'TOML_SYNTAX', message, file, path: [], line: err.line, column: err.column })] };
    }
    return { diagnostics: [diagnostic({ code: 'TOML_SYNTAX', message: err instanceof Error ? err.message : String(err), file, path: [], line: 1, column: 1 })] };
  }
  return { document: { file, format: 'toml', value, locate: tomlLocator(text) }, diagnostics: [] };
}

// TOML dates come back as Date objects; the rest of the pipeline expects JSON-like data.
function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}
