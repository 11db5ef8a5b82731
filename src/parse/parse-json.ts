import { diagnostic } from '../diagnostics/diagnostic';
import { LineIndex } from './line-index';
import { parseYamlSource } from './parse-yaml';
import type { ParseResult } from './source-document';

/**
 * Parses JSON strictly with JSON.parse (so YAML-only syntax is refused), and
 * reads it a second time with the YAML parser, a superset of JSON, to learn
 * where each value is and to catch duplicate keys JSON.parse would silently merge.
 */
export function parseJsonSource(file: string, text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, column } = new LineIndex(text).position(errorOffset(message, text));
    return { diagnostics: [diagnostic({ code: 'JSON_SYNTAX', message: message.replace(/ in JSON at position \d+.*$/, ''), file, path: [], line, column })] };
  }
  const located = parseYamlSource(file, text, 'json', 'JSON_SYNTAX');
  if (!located.document) return located;
  return { document: { ...located.document, value }, diagnostics: located.diagnostics };
}

function errorOffset(message: string, text: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  // "Unexpected end of JSON input": the problem is at the very end.
  return text.length;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
