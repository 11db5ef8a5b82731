import { diagnostic } from '../diagnostics/diagnostic';
import { jsonErrorOffset } from './json-error-offset';
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
    const { line, column } = new LineIndex(text).position(jsonErrorOffset(text) ?? text.length);
    return { diagnostics: [diagnostic({ code: 'JSON_SYNTAX', message: cleanMessage(message), file, path: [], line, column })] };
  }
  const located = parseYamlSource(file, text, 'json', 'JSON_SYNTAX');
  if (!located.document) return located;
  return { document: { ...located.document, value }, diagnostics: located.diagnostics };
}

// "Unexpected token 'a', "a: 1" is not valid JSON" repeats the whole text; keep the first part only.
function cleanMessage(message: string): string {
  return message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
