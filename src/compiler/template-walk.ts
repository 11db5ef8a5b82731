import type { JsonPath } from '../core/json-path';
import { TemplateEngine } from '../template/engine';
import { isRecord } from '../core/is-record';

/**
 * Every string with template markup inside `value`, with its path relative to
 * `value`, skipping the subtrees in `skip` (nested steps, conditions,
 * matchers and durations, which are checked on their own). Only values are
 * templates, never keys.
 */
export function findTemplates(value: unknown, skip: readonly JsonPath[]): { text: string; rel: JsonPath }[] {
  const out: { text: string; rel: JsonPath }[] = [];
  const skipped = new Set(skip.map((p) => JSON.stringify(p.map(String))));
  const visit = (node: unknown, rel: (string | number)[]): void => {
    if (skipped.has(JSON.stringify(rel.map(String)))) return;
    if (typeof node === 'string') {
      if (TemplateEngine.isTemplate(node)) out.push({ text: node, rel });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...rel, i]));
    } else if (isRecord(node)) {
      for (const [k, v] of Object.entries(node)) visit(v, [...rel, k]);
    }
  };
  visit(value, []);
  return out;
}
