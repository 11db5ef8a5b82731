import { sortDiagnostics } from '../diagnostics/diagnostic';
import { compileApp, type CompileOptions } from './compile-app';
import type { CompiledProject, LoadedProject } from './project-types';

/**
 * Compiles every app of a loaded project independently: a broken file in one
 * app never blocks another app's snapshot. Pure: no I/O.
 */
export function compileProject(loaded: LoadedProject, options: CompileOptions): CompiledProject {
  const apps = loaded.apps.map((app) => {
    const { model: _model, ...compiled } = compileApp(app, options);
    return compiled;
  });
  return { apps, diagnostics: sortDiagnostics([...loaded.diagnostics, ...apps.flatMap((a) => a.diagnostics)]) };
}
