import { SCHEMA_REFS, type JsonSchema } from './step-definition';

/** Matches text holding template markup; such values are checked after rendering instead. */
const TEMPLATE_MARK = '\\{\\{|\\{%';

/** A pattern accepting `re` (anchored) or any template. */
export function templatedPattern(re: RegExp): string {
  return `(?:${re.source})|${TEMPLATE_MARK}`;
}

/** A string that must match `re` unless it is a template. */
export function templatedString(re: RegExp, description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, pattern: templatedPattern(re), ...extra };
}

/** A `$ref` to one of the shared definitions, with its own description for hovers. */
export function ref(name: keyof typeof SCHEMA_REFS, description: string): JsonSchema {
  return { $ref: SCHEMA_REFS[name], description };
}

/** The value of a step written bare (`- answer`): nothing, or an empty map. */
export function bareSchema(description: string): JsonSchema {
  return {
    description,
    anyOf: [
      { type: 'null', description: 'Written bare, e.g. `- answer`.' },
      { type: 'object', description: 'An empty map, for formats without bare names.', properties: {}, additionalProperties: false },
    ],
  };
}

/** An object schema with `additionalProperties: false`. */
export function objectSchema(description: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', description, properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

