import { CALENDAR_STATES } from '../calendar/calendar-spec';
import { DURATION_PATTERN } from '../core/duration';
import { HANGUP_REASONS } from '../control/call-control';
import { stepLookup } from '../steps/registry';
import { promptSchema } from '../steps/prompt';
import { MEDIA_SCHEMA, type SharedDefName } from '../steps/schema-helpers';
import type { StepDefinition } from '../steps/step-definition';
import type { JsonSchema, SchemaMode } from './json-schema';
import { str } from './json-schema';
import { NAME_PATTERNS } from './names';
import { stepUnionSchema } from './step-schema';

/** The tests a matcher map may use, with their descriptions. */
export const MATCHER_KINDS = {
  exact: 'The whole value equals this string.',
  prefix: 'The value starts with this string.',
  suffix: 'The value ends with this string.',
  regex: 'A JavaScript regular expression the value must match (anchor it with ^ and $ to match the whole value).',
  pattern: 'An Asterisk dialplan pattern such as _1NXXNXXXXXX (X: 0-9, Z: 1-9, N: 2-9, [a-b]: a set, .: one or more, !: zero or more).',
} as const;

/** Regex flags a matcher may use (`g` and `y` make regexes stateful, so they are refused). */
export const REGEX_FLAGS_PATTERN = '^[imsu]*$';

/** The `flags` of a regex matcher or rewrite. */
export const REGEX_FLAGS: JsonSchema = str('Regex flags: any of i, m, s, u.', { pattern: REGEX_FLAGS_PATTERN });

const durationDef: JsonSchema = {
  description: 'A duration: `500ms`, `5s`, `2m`, `1h`, or a number of seconds.',
  anyOf: [
    { type: 'string', pattern: DURATION_PATTERN, description: 'A number with a unit: ms, s, m or h.' },
    { type: 'number', minimum: 0, description: 'Seconds.' },
  ],
};

function matcherObject(kind: keyof typeof MATCHER_KINDS): JsonSchema {
  const properties: Record<string, JsonSchema> = { [kind]: str(MATCHER_KINDS[kind]) };
  if (kind === 'regex') properties.flags = REGEX_FLAGS;
  return { type: 'object', description: MATCHER_KINDS[kind], properties, required: [kind], additionalProperties: false };
}

const matcherDef: JsonSchema = {
  description: 'How a call fact is compared: a string (exact, or an Asterisk pattern when it starts with _), or one of { exact }, { prefix }, { suffix }, { regex, flags }, { pattern }.',
  anyOf: [
    str('Exact value, or an Asterisk pattern when it starts with `_` (as in the dialplan). Quote digit strings: "1000".'),
    ...(Object.keys(MATCHER_KINDS) as (keyof typeof MATCHER_KINDS)[]).map(matcherObject),
  ],
};

const conditionTests: Record<string, JsonSchema> = {
  equals: str('True when the rendered value equals this string.'),
  prefix: str(MATCHER_KINDS.prefix),
  suffix: str(MATCHER_KINDS.suffix),
  regex: str(MATCHER_KINDS.regex),
  pattern: str(MATCHER_KINDS.pattern),
  in: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'True when the rendered value equals one of these strings.' },
};

const conditionDef: JsonSchema = {
  description: 'A condition: an expression string, or { all }, { any }, { not }, { calendar, is } or { value, equals | prefix | suffix | regex | pattern | in }.',
  anyOf: [
    str('An expression over call, metadata and vars, e.g. `vars.digits == "1" and metadata.tier == "gold"`.'),
    {
      type: 'object',
      description: 'True when every condition is true.',
      properties: { all: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' }, description: 'Conditions that must all be true.' } },
      required: ['all'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'True when at least one condition is true.',
      properties: { any: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' }, description: 'Conditions of which one must be true.' } },
      required: ['any'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'True when the condition is false.',
      properties: { not: { $ref: '#/$defs/condition', description: 'The condition to negate.' } },
      required: ['not'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'True when a calendar declared in the config is in the given state now.',
      properties: {
        calendar: str('Name of a calendar declared under `calendars:` in the config.', { pattern: NAME_PATTERNS.calendar }),
        is: { enum: [...CALENDAR_STATES], description: 'The state to test (default open).' },
      },
      required: ['calendar'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'Renders `value` as a template and compares it.',
      properties: {
        value: str('A template such as "{{ vars.digits }}".'),
        ...conditionTests,
        flags: str('Regex flags for `regex`: any of i, m, s, u.', { pattern: REGEX_FLAGS_PATTERN }),
      },
      required: ['value'],
      oneOf: Object.keys(conditionTests).map((k) => ({ required: [k] })),
      additionalProperties: false,
    },
  ],
};

/** The `reject` target shared by routes and dispatch rules. */
export const rejectDef: JsonSchema = {
  type: 'object',
  description: 'Hang up the call instead of running a flow.',
  properties: { cause: { enum: [...HANGUP_REASONS], description: 'Hangup reason sent to Asterisk (default rejected).' } },
  additionalProperties: false,
};

/**
 * The shared `$defs` every step fragment may `$ref` (see SCHEMA_REFS in
 * src/steps/schema-helpers.ts). `media` and `prompt` come from the step
 * catalogue (the prompt from its own play and say fragments). In
 * compiler mode, steps, prompts, durations, matchers and conditions are left
 * open: the compiler normalises those itself (a prompt is a nested play or
 * say step) and reports precise diagnostics.
 */
export function sharedDefs(mode: SchemaMode, registry: readonly StepDefinition[]): Record<SharedDefName, JsonSchema> {
  const open = mode === 'compiler';
  return {
    steps: open ? { type: 'array' } : { type: 'array', description: 'A list of steps run in order.', items: { $ref: '#/$defs/step' } },
    step: open ? {} : stepUnionSchema(registry),
    duration: open ? {} : durationDef,
    condition: open ? {} : conditionDef,
    matcher: open ? {} : matcherDef,
    media: MEDIA_SCHEMA,
    prompt: open ? {} : promptSchema(stepLookup(registry)),
  };
}
