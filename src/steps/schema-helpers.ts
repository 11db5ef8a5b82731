import { VARIABLE_NAME } from '../call/safe-input';
import type { JsonSchema } from './step-definition';

// The schema fragments steps share, in one place: the `$defs` names a
// fragment may `$ref`, the builders every step writes its schema with, and
// the shared `media` definition. (The prompt definition is built from the
// catalogue's own play and say fragments in prompt.ts.)

/**
 * `$ref`s a step schema fragment may use. The flow schema defines them under
 * `$defs` (src/schema/shared-defs.ts), so every step describes nested steps,
 * durations and conditions the same way.
 */
export const SCHEMA_REFS = {
  steps: '#/$defs/steps',
  step: '#/$defs/step',
  duration: '#/$defs/duration',
  condition: '#/$defs/condition',
  matcher: '#/$defs/matcher',
  media: '#/$defs/media',
  prompt: '#/$defs/prompt',
} as const;

/** The name of a shared definition. */
export type SharedDefName = keyof typeof SCHEMA_REFS;

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
export function ref(name: SharedDefName, description: string): JsonSchema {
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

/** Pattern of `into` and other properties that name a flow variable. */
export const INTO_SCHEMA_PATTERN = VARIABLE_NAME.source;

/** An `into` property: the flow variable a step writes (its suffixed siblings must fit in 64 characters too). */
export function intoSchema(maxLength: number, description: string): JsonSchema {
  return { type: 'string', pattern: INTO_SCHEMA_PATTERN, maxLength, description };
}

/** A value written in a flow as a string (a template), a number or a boolean. */
export function scalarSchema(description: string): JsonSchema {
  return { description, anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };
}

/** Media URI schemes a flow may name; checked again after templates render. */
export const MEDIA_URI_START = /^(?:sound|digits|number|characters|tone|recording):|^https?:\/\//;

/** The shared `$defs/media` definition: one media URI (or a template that renders to one). */
export const MEDIA_SCHEMA: JsonSchema = {
  type: 'string',
  description:
    'A media URI: sound:NAME, digits:123, number:42, characters:abc, tone:ring, recording:NAME, or an http(s) URL. May be a template such as "sound:{{ vars.greeting }}".',
  pattern: `${MEDIA_URI_START.source}|${TEMPLATE_MARK}`,
  minLength: 1,
};
