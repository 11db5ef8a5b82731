import type { StepDefinition } from '../steps/step-definition';
import type { JsonSchema, SchemaMode } from './json-schema';
import { SCHEMA_DIALECT, str } from './json-schema';
import { CALENDAR_STATES } from '../calendar/calendar-spec';
import { REGEX_FLAGS, rejectDef, sharedDefs } from './shared-defs';
import { NAME_PATTERNS } from './names';

const TARGET_KEYS = ['flow', 'steps', 'reject'] as const;

const targetProperties: Record<string, JsonSchema> = {
  flow: { $ref: '#/$defs/flowId', description: 'Id of the flow to run (a key under `flows:`).' },
  steps: { $ref: '#/$defs/steps', description: 'Steps to run, written inline.' },
  reject: { $ref: '#/$defs/reject', description: 'Hang up instead of running a flow: { cause }.' },
};

const oneTarget: JsonSchema[] = TARGET_KEYS.map((k) => ({ required: [k] }));

const metadataDef: JsonSchema = {
  type: 'object',
  description: 'Values merged into the call\'s metadata before its first step (read as {{ metadata.NAME }}).',
};

const matchMapDef: JsonSchema = {
  type: 'object',
  description: 'Call facts to match; every listed test must pass (AND).',
  properties: {
    extension: { $ref: '#/$defs/matcher', description: 'The dialled extension (channel.dialplan.exten).' },
    number: { $ref: '#/$defs/matcher', description: 'The calling number (caller id number).' },
    caller_name: { $ref: '#/$defs/matcher', description: 'The caller id name.' },
    args: { $ref: '#/$defs/matcher', description: 'Matches when any Stasis argument matches.' },
    var: {
      type: 'object',
      description: 'Channel variables: { NAME: matcher }.',
      propertyNames: { pattern: NAME_PATTERNS.channelVar },
      additionalProperties: { $ref: '#/$defs/matcher' },
    },
    header: {
      type: 'object',
      description: 'SIP headers of the incoming call (read through PJSIP_HEADER): { Name: matcher }.',
      propertyNames: { pattern: NAME_PATTERNS.header },
      additionalProperties: { $ref: '#/$defs/matcher' },
    },
    calendar: {
      description: 'A calendar declared in the config: its name (true while open) or { name, is }.',
      anyOf: [
        str('Calendar name; matches while the calendar is open.', { pattern: NAME_PATTERNS.calendar }),
        {
          type: 'object',
          properties: {
            name: str('Calendar name.', { pattern: NAME_PATTERNS.calendar }),
            is: { enum: [...CALENDAR_STATES], description: 'The state that matches (default open).' },
          },
          required: ['name'],
          additionalProperties: false,
        },
      ],
    },
    condition: { $ref: '#/$defs/condition', description: 'A condition that must also be true.' },
  },
  additionalProperties: false,
};

const rewriteRule: JsonSchema = {
  type: 'object',
  description: 'Replace matches of `regex` with `replace` ($1-style captures).',
  properties: {
    regex: str('A JavaScript regular expression.'),
    flags: REGEX_FLAGS,
    replace: str('The replacement; $1, $2 ... insert captures.'),
  },
  required: ['regex', 'replace'],
  additionalProperties: false,
};

const routeDef: JsonSchema = {
  type: 'object',
  description: 'A static route: the first matching route (by priority, then definition order) takes the call.',
  properties: {
    name: str('Route name, shown in logs and tools; unique within the app.', { minLength: 1 }),
    priority: { type: 'integer', description: 'Higher priorities are tried first (default 0); ties keep definition order.' },
    extension: { $ref: '#/$defs/matcher', description: 'The dialled extension must match.' },
    number: { $ref: '#/$defs/matcher', description: 'The calling number must match.' },
    caller_name: { $ref: '#/$defs/matcher', description: 'The caller id name must match.' },
    match: { $ref: '#/$defs/matchMap', description: 'More call facts to match (all AND-ed with the keys above).' },
    rewrite: {
      type: 'object',
      description: 'Rewrite the extension or number before the flow starts.',
      properties: { extension: rewriteRule, number: rewriteRule },
      additionalProperties: false,
    },
    metadata: { $ref: '#/$defs/metadata', description: 'Values merged into the call\'s metadata before its first step.' },
    ...targetProperties,
  },
  oneOf: oneTarget,
  additionalProperties: false,
};

const dispatchDef: JsonSchema = {
  description: 'A dynamic rule, tried in order after the static routes: a match rule or an HTTP router.',
  anyOf: [
    {
      type: 'object',
      description: 'Send calls matching `when` to a target.',
      properties: {
        name: str('Rule name, shown in logs.', { minLength: 1 }),
        when: { $ref: '#/$defs/matchMap', description: 'Call facts to match; every listed test must pass.' },
        metadata: { $ref: '#/$defs/metadata', description: 'Values merged into the call\'s metadata before its first step.' },
        ...targetProperties,
      },
      required: ['when'],
      oneOf: oneTarget,
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'Ask an HTTP routing service; unanswered, failed or not_handled requests fall through.',
      properties: {
        name: str('Rule name, shown in logs.', { minLength: 1 }),
        http: {
          type: 'object',
          description: 'The HTTP router: Voxtra POSTs the call\'s facts as JSON and follows the answer.',
          properties: {
            url: str('URL to POST to.', { pattern: '^https?://' }),
            timeout: { $ref: '#/$defs/duration', description: 'How long to wait for an answer (default 500ms).' },
            headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Extra HTTP request headers.' },
          },
          required: ['url'],
          additionalProperties: false,
        },
      },
      required: ['http'],
      additionalProperties: false,
    },
  ],
};

const flowDef: JsonSchema = {
  description: 'A flow: { description, steps } or just a list of steps.',
  anyOf: [
    {
      type: 'object',
      properties: {
        description: str('What the flow does, for people and tools.'),
        steps: { $ref: '#/$defs/steps', description: 'The steps, run in order.' },
      },
      required: ['steps'],
      additionalProperties: false,
    },
    { $ref: '#/$defs/steps' },
  ],
};

/**
 * The JSON Schema of a flow file, assembled from the step registry's
 * fragments. `editor` is the published schema; `compiler` is the structural
 * schema the compiler validates files with before it checks each step.
 */
export function flowSchema(registry: readonly StepDefinition[], mode: SchemaMode = 'editor'): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    title: 'Voxtra flow file',
    description: 'Routes, dispatch rules, a default and flows of one Voxtra app. Every key is optional; an app\'s files are merged.',
    type: 'object',
    properties: {
      $schema: str('The schema this file follows (ignored by Voxtra).'),
      routes: { type: 'array', description: 'Static routes.', items: { $ref: '#/$defs/route' } },
      dispatch: { type: 'array', description: 'Dynamic rules, tried in order after the static routes.', items: { $ref: '#/$defs/dispatchRule' } },
      default: {
        description: 'Where calls no route or rule took go: a flow id or inline steps.',
        anyOf: [{ $ref: '#/$defs/flowId' }, { $ref: '#/$defs/steps' }],
      },
      flows: {
        type: 'object',
        description: 'Flows by id.',
        propertyNames: { pattern: NAME_PATTERNS.flowId },
        additionalProperties: { $ref: '#/$defs/flow' },
      },
    },
    additionalProperties: false,
    $defs: {
      ...sharedDefs(mode, registry),
      flowId: str('A flow id: a key under `flows:`.', { pattern: NAME_PATTERNS.flowId }),
      reject: rejectDef,
      metadata: metadataDef,
      matchMap: matchMapDef,
      route: routeDef,
      dispatchRule: dispatchDef,
      flow: flowDef,
    },
  };
}
