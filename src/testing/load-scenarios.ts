import { displayPath } from '../config/display-path';
import { readText } from '../config/read-text';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import type { AppSnapshot } from '../ir/types';
import { parseSource } from '../parse/parse-source';
import { SchemaValidator } from '../schema/schema-validator';
import { normalizeScenarios } from './normalize-scenarios';
import { ScenarioContext } from './scenario-context';
import type { FoundScenarioFile } from './scenario-files';
import { scenarioSchema } from '../schema/scenario-schema';
import type { ScenarioFile } from './scenario-types';

let validator: SchemaValidator | undefined;

/**
 * Reads scenario files: YAML with positions, the scenario schema, then what
 * the schema cannot say (timings, dates, duplicate names, names of apps,
 * routes, flows and HTTP rules that do not exist). Never throws for bad
 * input: every problem is a diagnostic with its place.
 */
export async function loadScenarioFiles(
  found: readonly FoundScenarioFile[],
  opts: { readonly cwd: string; readonly snapshots: ReadonlyMap<string, AppSnapshot> },
): Promise<{ files: ScenarioFile[]; diagnostics: Diagnostic[] }> {
  validator ??= new SchemaValidator(scenarioSchema());
  const files: ScenarioFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of found) {
    const display = displayPath(opts.cwd, f.absolute);
    const read = await readText(f.absolute, display);
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseSource(display, read.text ?? '', 'yaml');
    diagnostics.push(...parsed.diagnostics);
    const doc = parsed.document;
    if (!doc) continue;
    const ctx = new ScenarioContext(doc);
    const problems = validator.validate(doc.value ?? {});
    for (const p of problems) {
      const pos = doc.locate(p.path, { key: p.atKey });
      ctx.diagnostics.push(diagnostic({ code: p.code, message: p.message, file: display, path: p.path, line: pos?.line, column: pos?.column, ...(p.hint ? { hint: p.hint } : {}) }));
    }
    if (problems.length === 0 && doc.value !== null) {
      const scenarios = normalizeScenarios(doc.value as Record<string, unknown>, ctx, { defaultApp: f.app, snapshots: opts.snapshots });
      if (!hasErrors(ctx.diagnostics)) files.push({ file: display, absolute: f.absolute, scenarios });
    }
    diagnostics.push(...ctx.diagnostics);
  }
  return { files, diagnostics };
}
