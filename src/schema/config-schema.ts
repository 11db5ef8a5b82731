import { LOG_FORMATS, LOG_LEVELS } from '../core/log-options';
import type { JsonSchema } from './json-schema';
import { SCHEMA_DIALECT, str } from './json-schema';
import { NAME_PATTERNS } from './names';
import { RUNTIME_CONFIG_SCHEMA } from './runtime-schema';
import { CALENDAR_CONFIG_SCHEMA } from '../calendar/calendar-schema';
import { TTS_CONFIG_SCHEMA } from '../tts/tts-config-schema';
import { HTTP_SERVICES_CONFIG_SCHEMA } from './http-services-schema';


// Editors validate the file before ${...} is expanded, so patterned values also accept a reference.
const orEnv = (pattern: string): string => `(?:${pattern})|\\$\\{`;

const serverProps: Record<string, JsonSchema> = {
  url: str('Asterisk\'s HTTP server, e.g. http://127.0.0.1:8088 (/ari is appended).', { pattern: orEnv('^https?://') }),
  username: str('ARI user (ari.conf).'),
  password: str('ARI password; write ${ARI_PASSWORD} to keep it out of the file.'),
  max_requests: {
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    description: 'ARI requests in flight at once to this server (default 64); more wait their turn. Each is an HTTP session, and Asterisk refuses connections past http.conf sessionlimit (default 100), so keep this well under it, shared with any other ARI client.',
  },
};

const flowsPaths: JsonSchema = {
  description: 'Where the app\'s flow files are: a folder, a file or a glob, or a list of them (relative to the config file).',
  anyOf: [
    str('A folder, file or glob.', { minLength: 1 }),
    { type: 'array', minItems: 1, items: str('A folder, file or glob.', { minLength: 1 }) },
  ],
};

const queuesDef: JsonSchema = {
  type: 'object',
  description: 'Where transfer_to_queue continues: Asterisk\'s Queue() runs in this dialplan context.',
  properties: { context: str('Dialplan context (default voxtra-queues).', { pattern: NAME_PATTERNS.context }) },
  additionalProperties: false,
};

/** The JSON Schema of voxtra.config.{yaml,toml,json}. */
export function configSchema(): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    title: 'Voxtra configuration',
    description: 'How Voxtra reaches Asterisk and which flows each Stasis app runs. ${NAME} and ${NAME:-default} in strings expand from the environment.',
    type: 'object',
    properties: {
      $schema: str('The schema this file follows (ignored by Voxtra).'),
      ari: {
        description: 'The Asterisk server(s) to connect to: one server, or a list of named servers.',
        anyOf: [
          { type: 'object', description: 'One Asterisk server.', properties: serverProps, required: ['url'], additionalProperties: false },
          {
            type: 'array',
            minItems: 1,
            description: 'Several Asterisk servers; every app is registered on each.',
            items: {
              type: 'object',
              properties: { name: str('Server name, shown in logs (default default, ari-2, ...).', { pattern: NAME_PATTERNS.server }), ...serverProps },
              required: ['url'],
              additionalProperties: false,
            },
          },
        ],
      },
      apps: {
        type: 'array',
        minItems: 1,
        description: 'One Stasis app per tenant, each with its own flows.',
        items: {
          type: 'object',
          properties: {
            name: str('Stasis app name: Stasis(<name>) in the dialplan.', { pattern: NAME_PATTERNS.app }),
            flows: flowsPaths,
            queues: queuesDef,
          },
          required: ['name', 'flows'],
          additionalProperties: false,
        },
      },
      app: str('Shorthand for a single app: its Stasis name (use with `flows`, not with `apps`).', { pattern: NAME_PATTERNS.app }),
      flows: { ...flowsPaths, description: 'Shorthand for a single app: its flow files (use with `app`, not with `apps`).' },
      queues: queuesDef,
      http: {
        type: 'object',
        description: 'The HTTP server for /healthz, /readyz and /metrics.',
        properties: { listen: str('host:port to listen on, e.g. 127.0.0.1:9464.', { pattern: orEnv('^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]*):[0-9]{1,5}$') }) },
        additionalProperties: false,
      },
      log: {
        type: 'object',
        description: 'Logging.',
        properties: {
          level: { enum: [...LOG_LEVELS], description: 'Lowest level written (default info).' },
          format: { enum: [...LOG_FORMATS], description: 'auto: pretty on a terminal, JSON lines otherwise (default auto).' },
        },
        additionalProperties: false,
      },
      calendars: CALENDAR_CONFIG_SCHEMA,
      tts: TTS_CONFIG_SCHEMA,
      http_services: HTTP_SERVICES_CONFIG_SCHEMA,
      runtime: RUNTIME_CONFIG_SCHEMA,
    },
    additionalProperties: false,
  };
}
