import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { DURATION_PATTERN } from '../../../src/core/duration';
import { promptSchema } from '../../../src/steps/prompt';
import { STEP_REGISTRY, stepLookup } from '../../../src/steps/registry';
import { MEDIA_SCHEMA } from '../../../src/steps/schema-helpers';
import type { JsonSchema, StepDefinition } from '../../../src/steps/step-definition';

/**
 * A minimal flow-schema `$defs` composed from the registry, as the compiler
 * does: `step` is a bare name or a one-key map per step type.
 */
export function stepDefs(): Record<string, JsonSchema> {
  const bare = STEP_REGISTRY.filter((d) => d.bare).map((d) => d.type);
  return {
    steps: { type: 'array', description: 'Steps.', items: { $ref: '#/$defs/step' } },
    step: {
      description: 'One step.',
      oneOf: [
        { type: 'string', enum: bare, description: 'A bare step.' },
        ...STEP_REGISTRY.map((d) => ({
          type: 'object',
          description: d.description,
          properties: { [d.type]: d.schema },
          required: [d.type],
          additionalProperties: false,
        })),
      ],
    },
    duration: {
      description: 'A duration.',
      oneOf: [
        { type: 'string', pattern: DURATION_PATTERN, description: '500ms, 5s, 2m.' },
        { type: 'number', minimum: 0, description: 'Seconds.' },
      ],
    },
    condition: { description: 'A condition (test dialect).', anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }] },
    matcher: { description: 'A matcher (test dialect).', anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }] },
    media: MEDIA_SCHEMA,
    prompt: promptSchema(stepLookup()),
  };
}

const ROOT = 'https://voxtra.test/flow.schema.json';
let ajv: Ajv2020 | undefined;

/** One ajv holding the shared `$defs` plus every step fragment as `$defs/value_<type>`, compiled once. */
function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true });
    const values = Object.fromEntries(STEP_REGISTRY.map((d) => [`value_${d.type}`, d.schema]));
    ajv.addSchema({ $id: ROOT, $defs: { ...stepDefs(), ...values } });
  }
  return ajv;
}

function validator(def: string): ValidateFunction {
  const fn = instance().getSchema(`${ROOT}#/$defs/${def}`);
  if (!fn) throw new Error(`no schema for ${def}`);
  return fn;
}

/** Validates the value under a step's key against its fragment (with the shared `$defs`). */
export function validateStepValue(def: StepDefinition, value: unknown): { valid: boolean; errors: ErrorObject[] } {
  const validate = validator(`value_${def.type}`);
  const valid = validate(value) as boolean;
  return { valid, errors: validate.errors ?? [] };
}

/** Validates a whole step (`'answer'` or `{ play: ... }`) against `$defs/step`. */
export function validateStep(value: unknown): boolean {
  return validator('step')(value) as boolean;
}
