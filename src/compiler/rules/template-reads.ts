import { templateEngine } from '../../template/engine';
import type { AppModel } from '../app-model';
import type { TemplateUse } from '../sink';

/** A template or condition with its parse outcome and the variables it reads. */
export interface TemplateRead {
  readonly use: TemplateUse;
  readonly error?: string;
  readonly variables: readonly (readonly string[])[];
}

const cache = new WeakMap<AppModel, TemplateRead[]>();

/** Parses every template of the app once (shared by the template rules). */
export function templateReads(app: AppModel): TemplateRead[] {
  let reads = cache.get(app);
  if (!reads) {
    reads = app.templates.map((use) => {
      try {
        if (use.kind === 'condition') {
          templateEngine.checkCondition(use.text);
          return { use, variables: templateEngine.conditionVariables(use.text) };
        }
        templateEngine.check(use.text);
        return { use, variables: templateEngine.variables(use.text) };
      } catch (err) {
        return { use, error: err instanceof Error ? err.message : String(err), variables: [] };
      }
    });
    cache.set(app, reads);
  }
  return reads;
}

/** True when the template reads `root.name` through `| default:` (so an unset value is expected). */
export function hasDefault(text: string, root: string, name: string): boolean {
  const escaped = `${root}\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  return new RegExp(`${escaped}(?:\\.[\\w.-]+)?\\s*\\|\\s*default\\b`).test(text);
}
