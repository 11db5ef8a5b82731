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
  // One path, grown and shrunk as the walk goes (copied only for a template found): this runs for every step.
  const rel: (string | number)[] = [];
  const skipped = (): boolean => {
    for (const s of skip) {
      if (s.length !== rel.length) continue;
      let same = true;
      for (let i = 0; i < s.length && same; i++) same = String(s[i]) === String(rel[i]);
      if (same) return true;
    }
    return false;
  };
  const visit = (node: unknown): void => {
    if (skip.length > 0 && skipped()) return;
    if (typeof node === 'string') {
      if (TemplateEngine.isTemplate(node)) out.push({ text: node, rel: [...rel] });
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        rel.push(i);
        visit(node[i]);
        rel.pop();
      }
    } else if (isRecord(node)) {
      for (const k of Object.keys(node)) {
        rel.push(k);
        visit(node[k]);
        rel.pop();
      }
    }
  };
  visit(value);
  return out;
}
