import type { StepDefinition } from '../steps/step-definition';
import { sharedDefs } from '../schema/shared-defs';
import { SchemaValidator } from '../schema/schema-validator';

// In compiler mode the shared defs do not depend on the registry.
const COMPILER_DEFS = sharedDefs('compiler', []);
const cache = new WeakMap<StepDefinition, SchemaValidator>();

/**
 * The validator of one step type's value: its own fragment, with the shared
 * `$defs` in compiler mode (nested steps, prompts, durations, conditions and
 * matchers are checked by the normaliser instead).
 */
export function stepValidator(def: StepDefinition): SchemaValidator {
  let v = cache.get(def);
  if (!v) {
    v = new SchemaValidator({ ...def.schema, $defs: { ...COMPILER_DEFS, ...(def.schema.$defs as object | undefined) } });
    cache.set(def, v);
  }
  return v;
}
