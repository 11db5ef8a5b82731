import { HANGUP_REASONS } from '../control/call-control';
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
        description: 'Hang the channel up with a cause (busy, congestion, ...).',
        properties: {
          hangup: {
            type: 'object',
            description: 'How the channel is hung up.',
            properties: { cause: { type: 'string', enum: [...HANGUP_REASONS], description: 'Hangup cause sent to Asterisk (default normal).' } },
            additionalProperties: false,
          },
        },
        required: ['hangup'],
        additionalProperties: false,
      },
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
        'Calls in progress in this process (default: no bound). A call beyond it gets overload.policy (default shutdown.new_calls: hangup, or a continue into the dialplan) and counts as over_capacity; broadcast pools claim only below it.',
    },
    overload: {
      type: 'object',
      description: 'Turning new calls away at once when this process is overloaded, instead of answering them late (docs/operations-observability.md).',
      properties: {
        max_event_loop_lag: {
          description:
            'Event-loop lag (the median delay of a 100 ms probe over the last half second) past which new calls are turned away, like calls beyond max_calls (default 200ms; 0 turns it off): `200ms`, `1s`, or a number of seconds.',
          anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', minimum: 0 }],
        },
        max_request_wait: {
          description:
            "Wait of the oldest ARI request queued for one of a server's request slots (max_requests) past which that server's new calls are turned away, like calls beyond max_calls (default 500ms; 0 turns it off): `500ms`, `1s`, or a number of seconds.",
          anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', minimum: 0 }],
        },
        policy: policy(
          'What a call turned away for overload (max_calls, max_event_loop_lag or max_request_wait) gets: hangup, { hangup: { cause: busy } }, or { continue: { context, extension, priority } } (an overflow queue, a busy message). Default: shutdown.new_calls.',
        ),
      },
      additionalProperties: false,
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
