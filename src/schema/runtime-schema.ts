import { CALL_LIMIT_DEFAULTS } from '../core/defaults';
import { DURATION_PATTERN } from '../core/duration';
import type { JsonSchema } from './json-schema';
import { str } from './json-schema';
import { NAME_PATTERNS } from './names';

function policy(description: string): JsonSchema {
  return {
    description,
    anyOf: [
      { const: 'hangup', description: 'Hang the channel up.' },
      {
        type: 'object',
        description: 'Send the channel on into the dialplan (e.g. a context that plays a message or reaches an operator).',
        properties: {
          continue: {
            type: 'object',
            description: 'Where the channel continues.',
            properties: {
              context: str('Dialplan context.', { pattern: NAME_PATTERNS.context }),
              extension: str('Extension in that context (default s).', { pattern: '^[A-Za-z0-9_+*#.-]{1,80}$' }),
              priority: { type: 'integer', minimum: 1, description: 'Priority (default 1).' },
            },
            required: ['context'],
            additionalProperties: false,
          },
        },
        required: ['continue'],
        additionalProperties: false,
      },
    ],
  };
}

/** The `runtime` section of the config: per-call limits and what happens to calls Voxtra will not run. */
export const RUNTIME_CONFIG_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Safety limits for running calls, and what happens to calls Voxtra will not run a flow for.',
  properties: {
    max_steps_per_call: { type: 'integer', minimum: 1, description: `Most steps one call may run before it is stopped (default ${CALL_LIMIT_DEFAULTS.maxStepsPerCall}).` },
    max_call_depth: { type: 'integer', minimum: 1, description: `Deepest sub-flow nesting through \`call\` (default ${CALL_LIMIT_DEFAULTS.maxCallDepth}).` },
    max_calls: {
      type: 'integer',
      minimum: 1,
      description:
        'Calls in progress in this process (default: no bound). A call beyond it gets shutdown.new_calls (hangup by default, or a continue into the dialplan) and counts as over_capacity; broadcast pools claim only below it.',
    },
    unknown_channels: policy(
      'What to do with a channel found in one of our Stasis apps after connecting or reconnecting that no flow runs (it arrived while the events socket was down, or a previous process left it): hangup (default) or { continue: { context, extension, priority } }.',
    ),
    shutdown: {
      type: 'object',
      description: 'SIGTERM/SIGINT: stop taking calls, let calls in progress finish up to `grace`, then hang up what remains.',
      properties: {
        grace: {
          description: 'How long calls in progress may go on after the signal (default 30s): `500ms`, `30s`, `2m`, or a number of seconds.',
          anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', minimum: 0 }],
        },
        new_calls: policy('What a call that arrives while shutting down (or for an app being removed by a reload) gets: hangup (default) or { continue: { context, extension, priority } }.'),
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};
