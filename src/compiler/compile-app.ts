import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { STEP_REGISTRY, stepLookup } from '../steps/registry';
import type { StepDefinition } from '../steps/step-definition';
import type { AppModel } from './app-model';
import type { FileUnit, UnitCounters } from './file-unit';
import { mergeUnits } from './merge-units';
import { normalizeFile } from './normalize-file';
import type { CompiledApp, LoadedApp } from './project-types';
import { RULES, type Rule } from './rules';
import { buildSnapshot } from './snapshot';
import type { UnitCache } from './unit-cache';
import { Unknowns } from './unknowns';

/** How an app is compiled beyond its files, catalogue and rules. */
export interface CompileOptions {
  /** Build the snapshot of an app without errors (default true); the language server needs only the diagnostics. */
  readonly snapshots?: boolean;
  /** Normalised files of earlier compiles, reused for the documents that did not change. */
  readonly cache?: UnitCache;
}

/**
 * Compiles one app: normalise each file, merge, run the semantic rules, and
 * build the frozen snapshot when nothing is an error. Pure: no I/O.
 * Every rule runs even when a file has schema errors, so one pass finds every
 * problem: a value that failed its schema is left out of the model (recorded
 * in `model.unknowns`), and the rules stay quiet about what it might have
 * said, so one mistake is not reported again as a cascade of follow-on problems.
 */
export function compileApp(app: LoadedApp, registry: readonly StepDefinition[] = STEP_REGISTRY, rules: readonly Rule[] = RULES, options: CompileOptions = {}): CompiledApp & { model: AppModel } {
  const steps = stepLookup(registry);
  const counters: UnitCounters = { routes: 0, dispatch: 0 };
  const unknowns = new Unknowns(app.unknownSettings);
  // A file that could not be found, read or parsed may hold anything.
  if (hasErrors(app.diagnostics)) unknowns.incomplete = true;
  const { cache } = options;
  const units: FileUnit[] = app.documents.map((doc) => (cache ? cache.normalize(doc, steps, counters, unknowns) : normalizeFile(doc, steps, counters, unknowns)));
  const { model, diagnostics: mergeDiags } = mergeUnits(app, units, registry, unknowns);
  const found: Diagnostic[] = [...app.diagnostics, ...units.flatMap((u) => u.sink.diagnostics), ...mergeDiags];
  for (const rule of rules) found.push(...rule.check(model));
  const diagnostics = sortDiagnostics(dedupe(found));
  // Belt and braces: an unreadable part always comes with an error, but it must never reach a snapshot.
  const runnable = !app.diagnosticsOnly && !unknowns.any && !hasErrors(diagnostics);
  return {
    name: app.name,
    files: app.files,
    diagnostics,
    model,
    ...(runnable && options.snapshots !== false ? { snapshot: buildSnapshot(model) } : {}),
  };
}

/** One report per problem: the same code at the same place with the same message is shown once. */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = JSON.stringify([d.code, d.file, d.path, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
