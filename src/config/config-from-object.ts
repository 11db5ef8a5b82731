import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic';
import { configSchema } from '../schema/config-schema';
import { SchemaValidator } from '../schema/schema-validator';
import type { VoxtraConfig } from './config-types';
import { normalizeConfig } from './normalize-config';

let validator: SchemaValidator | undefined;

/**
 * A config given as an object (the TypeScript API's code-only apps) instead
 * of a file: the same schema and normalisation as `voxtra.config.yaml`, with
 * diagnostics that name JSON paths instead of lines. `${NAME}` is not
 * expanded: code reads its environment itself.
 */
export function configFromObject(raw: Record<string, unknown>, opts: { dir: string; env: Readonly<Record<string, string | undefined>> }): { config?: VoxtraConfig; diagnostics: Diagnostic[] } {
  validator ??= new SchemaValidator(configSchema());
  const diagnostics: Diagnostic[] = validator.validate(raw).map((p) => diagnostic({ code: p.code, message: p.message, path: p.path, ...(p.hint ? { hint: p.hint } : {}) }));
  if (hasErrors(diagnostics)) return { diagnostics };
  const normalized = normalizeConfig(raw, { dir: opts.dir, env: opts.env });
  diagnostics.push(...normalized.diagnostics);
  return hasErrors(diagnostics) ? { diagnostics } : { config: normalized.config, diagnostics };
}
