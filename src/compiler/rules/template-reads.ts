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

// Outcomes by kind and text, across apps and compiles: a text is written many times in an app, and the
// language server compiles the same templates on every keystroke. Bounded like the engine's own cache.
const outcomes = new Map<string, Omit<TemplateRead, 'use'>>();
const OUTCOMES_LIMIT = 10_000;

/** Parses every template of the app once (shared by the template rules); a text already read is not read again. */
export function templateReads(app: AppModel): TemplateRead[] {
  let reads = cache.get(app);
  if (!reads) {
    reads = app.templates.map((use) => {
      const key = `${use.kind}:${use.text}`;
      let outcome = outcomes.get(key);
      if (!outcome) {
        outcome = readTemplate(use);
        if (outcomes.size >= OUTCOMES_LIMIT) outcomes.clear();
        outcomes.set(key, outcome);
      }
      return { use, ...outcome };
    });
    cache.set(app, reads);
  }
  return reads;
}

function readTemplate(use: TemplateUse): Omit<TemplateRead, 'use'> {
  try {
    if (use.kind === 'condition') {
      templateEngine.checkCondition(use.text);
      return { variables: templateEngine.conditionVariables(use.text) };
    }
    templateEngine.check(use.text);
    return { variables: templateEngine.variables(use.text) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err), variables: [] };
  }
}

/** True when the template reads `root.name` through `| default:` (so an unset value is expected). */
export function hasDefault(text: string, root: string, name: string): boolean {
  const escaped = `${root}\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  return new RegExp(`${escaped}(?:\\.[\\w.-]+)?\\s*\\|\\s*default\\b`).test(text);
}
