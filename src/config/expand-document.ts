import type { JsonPath } from '../core/json-path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { SourceDocument } from '../parse/source-document';
import { expandEnv } from './env-expand';

/**
 * Expands `${...}` in every string value of a config document (never in keys),
 * returning the expanded copy and ENV_* diagnostics at the values' places.
 */
export function expandDocument(doc: SourceDocument, env: Readonly<Record<string, string | undefined>>): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('$')) return node;
      const { value, problems } = expandEnv(node, env);
      for (const p of problems) {
        const pos = doc.locate(path);
        diagnostics.push(diagnostic({ code: p.code, message: p.message, file: doc.file, path, line: pos?.line, column: pos?.column }));
      }
      return value;
    }
    if (Array.isArray(node)) return node.map((v, i) => walk(v, [...path, i]));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v, [...path, k]);
      return out;
    }
    return node;
  };
  return { value: walk(doc.value, [] as JsonPath as (string | number)[]), diagnostics };
}
