import { LOG_FORMATS, LOG_LEVELS } from '../core/log-options';
import type { JsonSchema } from './json-schema';
import { SCHEMA_DIALECT, str } from './json-schema';
import { NAME_PATTERNS } from './names';
import { DURATION_PATTERN } from '../core/duration';
import { RUNTIME_CONFIG_SCHEMA } from './runtime-schema';
import { CALENDAR_CONFIG_SCHEMA } from '../calendar/calendar-schema';
import { TTS_CONFIG_SCHEMA } from './tts-config-schema';
import { HTTP_SERVICES_CONFIG_SCHEMA } from './http-services-schema';


// Editors validate the file before ${...} is expanded, so patterned values also accept a reference.
const orEnv = (pattern: string): string => `(?:${pattern})|\\$\\{`;

const LISTEN_PATTERN = '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]*):[0-9]{1,5}$';

const serverProps: Record<string, JsonSchema> = {
  url: str('Asterisk\'s HTTP server, e.g. http://127.0.0.1:8088 (/ari is appended). Required unless `listen` is given; with `listen`, the HTTP path for requests that must not share a persistent socket.', { pattern: orEnv('^https?://') }),
  username: str('ARI user (ari.conf); with `listen`, the user Asterisk presents (websocket_client.conf username).'),
  password: str('ARI password; with `listen`, the password Asterisk presents. Write ${ARI_PASSWORD} to keep it out of the file.'),
  rest: {
    enum: ['http', 'websocket'],
    description:
      'How REST requests travel to a server with url: http (default: a bounded keep-alive pool) or websocket (RESTRequest frames on the events socket, Asterisk 20.14 / 21.9 / 22.4 and later; requests that wait for their channel still go over HTTP). A listen server always uses its WebSocket.',
  },
  listen: str('Accept Asterisk\'s connections instead of connecting (ari.conf type=outbound_websocket, Asterisk 20.15 / 21.10 / 22.5 and later): IP:port of Voxtra\'s WebSocket server, e.g. 0.0.0.0:8765.', {
    pattern: orEnv(LISTEN_PATTERN),
  }),
  path: str('With listen: the URL path of websocket_client.conf uri (default /); a query string is accepted.', { pattern: orEnv('^/') }),
  connection: {
    enum: ['per_call', 'persistent'],
    description:
      'With listen: what voxtra provision writes (connection_type per_call_config or persistent; default per_call). The listener accepts both. persistent needs url.',
  },
  ari_username: str('With listen and url: the ARI user of the HTTP path (local_ari_user in ari.conf).'),
  ari_password: str('With listen and url: that user\'s password.'),
  tls: {
    type: 'object',
    description: 'With listen: serve wss:// with this certificate and key (PEM files, relative to the config file).',
    properties: { cert: str('Certificate (PEM) file.', { minLength: 1 }), key: str('Private key (PEM) file.', { minLength: 1 }) },
    required: ['cert', 'key'],
    additionalProperties: false,
  },
  public_url: str('With listen, for voxtra provision only: the URI Asterisk connects to when it is not the listen address (a load balancer), e.g. wss://voxtra.example.com:8765/voxtra.', {
    pattern: orEnv('^wss?://'),
  }),
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

const broadcastDef: JsonSchema = {
  type: 'object',
  description:
    'Take part in StasisBroadcast pools (Asterisk 20.20 / 22.10 and later): this process registers Stasis app <name>-<instance> and claims offered calls while it has capacity.',
  properties: {
    instance: str('This replica\'s name in the pool (default: the host name, the pod name under Kubernetes); every replica needs its own.', { pattern: orEnv('^[A-Za-z0-9_.-]+$') }),
    max_calls: { type: 'integer', minimum: 1, description: 'Claim only while this process has fewer calls in progress (default runtime.max_calls; without either, always claim).' },
    timeout: {
      description: 'For voxtra provision: how long StasisBroadcast waits for a claim (default 500ms).',
      anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', minimum: 0 }],
    },
  },
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
          { type: 'object', description: 'One Asterisk server (url or listen).', properties: serverProps, additionalProperties: false },
          {
            type: 'array',
            minItems: 1,
            description: 'Several Asterisk servers; every app is registered on each.',
            items: {
              type: 'object',
              description: 'One Asterisk server (url or listen).',
              properties: { name: str('Server name, shown in logs (default default, ari-2, ...).', { pattern: NAME_PATTERNS.server }), ...serverProps },
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
            broadcast: broadcastDef,
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
