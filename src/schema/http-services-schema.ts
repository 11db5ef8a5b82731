import { HTTP_TIMEOUT_DEFAULTS } from '../core/defaults';
import { DURATION_PATTERN } from '../core/duration';
import type { JsonSchema } from './json-schema';

/** Names of `http_services` entries (what an http step's `service` says). */
export const HTTP_SERVICE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]{0,63}$';

/** The `http_services` config section: named endpoints http steps may call. */
export const HTTP_SERVICES_CONFIG_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Named HTTP services that http steps call by name (`service: crm`). Keeps URLs and secrets out of the flow files.',
  propertyNames: { pattern: HTTP_SERVICE_NAME_PATTERN },
  additionalProperties: {
    type: 'object',
    description: 'One service.',
    properties: {
      url: { type: 'string', pattern: '^https?://|\\$\\{', description: 'Base URL (http or https); a step\'s `path` is appended to it.' },
      headers: {
        type: 'object',
        description: 'Headers sent with every request, e.g. { Authorization: "Bearer ${CRM_TOKEN}" }.',
        propertyNames: { pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]{1,64}$' },
        additionalProperties: { type: 'string', description: 'The header value.' },
      },
      timeout: {
        description: `Default timeout of its requests: 500ms, 2s, or seconds as a number (default ${HTTP_TIMEOUT_DEFAULTS.timeoutMs / 1000}s, at most ${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s).`,
        anyOf: [
          { type: 'string', pattern: DURATION_PATTERN, description: 'A number with a unit: ms, s or m.' },
          { type: 'number', exclusiveMinimum: 0, description: 'Seconds.' },
        ],
      },
    },
    required: ['url'],
    additionalProperties: false,
  },
};
