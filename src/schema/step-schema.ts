import type { StepDefinition } from '../steps/step-definition';
import type { JsonSchema } from './json-schema';

/**
 * The editor schema of one step: a bare name (for steps that allow it) or a
 * one-key map whose key is the step type. Each type's value is described by
 * its own fragment, so editors complete and explain every parameter.
 */
export function stepUnionSchema(registry: readonly StepDefinition[]): JsonSchema {
  const bare = registry.filter((d) => d.bare).map((d) => d.type);
  const properties: Record<string, JsonSchema> = {};
  for (const def of registry) {
    const fragment = { description: def.description, ...def.schema };
    properties[def.type] = def.bare ? { description: def.description, anyOf: [{ type: 'null' }, fragment] } : fragment;
  }
  const forms: JsonSchema[] = [];
  if (bare.length > 0) forms.push({ type: 'string', enum: bare, description: 'A step written as its bare name.' });
  forms.push({
    type: 'object',
    description: 'A step written as a map with one key, the step type.',
    properties,
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
  });
  return { description: 'One step: a bare name such as `answer`, or a one-key map such as `{ play: sound:beep }`.', anyOf: forms };
}
