import { sortDiagnostics } from '../diagnostics/diagnostic';
import { STEP_REGISTRY } from '../steps/registry';
import type { StepDefinition } from '../steps/step-definition';
import { compileApp, type CompileOptions } from './compile-app';
import type { CompiledProject, LoadedProject } from './project-types';
import { RULES, type Rule } from './rules';

/**
 * Compiles every app of a loaded project independently: a broken file in one
 * app never blocks another app's snapshot. Pure: no I/O.
 */
export function compileProject(loaded: LoadedProject, registry: readonly StepDefinition[] = STEP_REGISTRY, rules: readonly Rule[] = RULES, options: CompileOptions = {}): CompiledProject {
  const apps = loaded.apps.map((app) => {
    const { model: _model, ...compiled } = compileApp(app, registry, rules, options);
    return compiled;
  });
  return { apps, diagnostics: sortDiagnostics([...loaded.diagnostics, ...apps.flatMap((a) => a.diagnostics)]) };
}
