import type { StepDefinition } from '../steps/step-definition';
import type { JsonSchema } from '../schema/json-schema';
import { sharedDefs } from '../schema/shared-defs';
import { SchemaValidator } from '../schema/schema-validator';

// In compiler mode the shared defs do not depend on the registry.
const COMPILER_DEFS = sharedDefs('compiler', []);
const cache = new WeakMap<StepDefinition, SchemaValidator>();

/**
 * The schema one step type's value is checked against: its own fragment, with
 * the shared `$defs` in compiler mode (nested steps, prompts, durations,
 * conditions and matchers are checked by the normaliser instead).
 */
export function stepValidatorSchema(def: StepDefinition): JsonSchema {
  return { ...def.schema, $defs: { ...COMPILER_DEFS, ...(def.schema.$defs as object | undefined) } };
}

/** The validator of one step type's value (see {@link stepValidatorSchema}), built once per definition. */
export function stepValidator(def: StepDefinition): SchemaValidator {
  let v = cache.get(def);
  if (!v) {
    v = new SchemaValidator(stepValidatorSchema(def));
    cache.set(def, v);
  }
  return v;
}
