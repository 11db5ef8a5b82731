import type { JsonSchema } from '../steps/step-definition';

export type { JsonSchema };

/** The JSON Schema dialect of every schema Voxtra publishes. */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Who a schema is for. `editor` is the complete published schema. `compiler`
 * leaves steps, durations, matchers and conditions open because the compiler
 * checks those itself, step by step, so errors point at the step rather than
 * at a union of every step type.
 */
export type SchemaMode = 'editor' | 'compiler';

/** A plain string property with a description. */
export function str(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}
