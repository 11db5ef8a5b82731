import { DURATION_PATTERN } from '../core/duration';
import type { JsonSchema } from '../steps/step-definition';
import { TTS_DEFAULTS } from '../core/defaults';

const duration = (description: string): JsonSchema => ({
  description,
  oneOf: [
    { type: 'string', pattern: DURATION_PATTERN, description: 'A duration such as 500ms, 5s or 2m.' },
    { type: 'number', minimum: 0, description: 'A number of seconds.' },
  ],
});

const NAME_PATTERN = '^[A-Za-z0-9+][A-Za-z0-9_.+/-]*$';

/** JSON Schema (draft 2020-12) of the config's `tts` section. */
export const TTS_CONFIG_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Text-to-speech for `say` steps: the engine, where rendered audio is cached, and how Asterisk reaches it.',
  additionalProperties: false,
  properties: {
    engine: {
      enum: ['espeak', 'http', 'none'],
      default: TTS_DEFAULTS.engine,
      description: 'espeak: the local espeak-ng program (apt-get install espeak-ng). http: an HTTP text-to-speech service (see `http`). none: no text-to-speech; flows with `say` steps are refused at start.',
    },
    dir: {
      type: 'string',
      minLength: 1,
      default: TTS_DEFAULTS.dir,
      description: 'Folder for rendered audio, shared by Voxtra (writes) and Asterisk (reads), so it must be on the Asterisk machine. Relative paths are resolved against the config file\'s folder.',
    },
    voice: {
      type: 'string',
      pattern: NAME_PATTERN,
      description: 'Default voice when a `say` step names none. espeak: a voice name such as en-us, or +f3 for a variant of the language. http: passed to the service as is.',
    },
    language: {
      type: 'string',
      pattern: NAME_PATTERN,
      description: 'Default language when a `say` step names none, e.g. en, en-gb, fr.',
    },
    mode: {
      enum: ['file', 'url'],
      default: TTS_DEFAULTS.mode,
      description: 'file (default): play rendered audio as sound:/absolute/path (Asterisk reads the file). url: play <url_base>/<key>.wav over HTTP; on Asterisk 22 the file was fetched but did not play in a trial, so prefer file.',
    },
    url_base: {
      type: 'string',
      pattern: '^https?://',
      description: 'Base URL under which the rendered files are served to Asterisk, required in url mode, e.g. http://voxtra.internal:9464/tts.',
    },
    max_chars: {
      type: 'integer',
      minimum: 1,
      maximum: 100000,
      default: TTS_DEFAULTS.maxChars,
      description: 'Longest text rendered, in characters; longer texts fail the step.',
    },
    concurrency: {
      type: 'integer',
      minimum: 1,
      maximum: 64,
      default: TTS_DEFAULTS.concurrency,
      description: 'How many texts may be rendered at the same time.',
    },
    espeak: {
      type: 'object',
      description: 'Settings of the espeak engine.',
      additionalProperties: false,
      properties: {
        binary: { type: 'string', minLength: 1, default: TTS_DEFAULTS.espeakBinary, description: 'The espeak-ng program: a name looked up on PATH or an absolute path.' },
        timeout: duration('Longest time one text may take to render (default 10s).'),
      },
    },
    http: {
      type: 'object',
      description: 'Settings of the http engine: Voxtra POSTs JSON to `url` and expects audio back (WAV at any rate, or audio/L16).',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', pattern: '^https?://', description: 'The service URL. Fixed by the config; caller data never changes it.' },
        headers: {
          type: 'object',
          description: 'Headers sent with every request, e.g. an API key: { Authorization: "Bearer ${TTS_TOKEN}" }.',
          additionalProperties: { type: 'string', description: 'Header value.' },
        },
        timeout: duration('Longest wait for the complete answer (default 10s).'),
        format: {
          enum: ['auto', 'wav', 'l16'],
          default: TTS_DEFAULTS.httpFormat,
          description: 'auto: go by the answer\'s Content-Type (audio/wav or audio/L16;rate=N). wav or l16: expect that form whatever the Content-Type says.',
        },
        body: {
          type: 'object',
          description: 'JSON body template. Strings "{{text}}", "{{voice}}" and "{{language}}" are replaced by the values (a missing voice or language drops the key). Default { text: "{{text}}", voice: "{{voice}}", language: "{{language}}" }.',
        },
      },
    },
  },
  // `properties` beside each `required` keeps ajv's strictRequired mode satisfied; descriptions keep editor hovers complete.
  allOf: [
    {
      if: { properties: { engine: { const: 'http', description: 'The http engine.' } }, required: ['engine'] },
      then: { properties: { http: { description: 'Required with engine http: the service settings.' } }, required: ['http'] },
    },
    {
      if: { properties: { mode: { const: 'url', description: 'url mode.' } }, required: ['mode'] },
      then: { properties: { url_base: { description: 'Required in url mode: where Asterisk fetches the files.' } }, required: ['url_base'] },
    },
  ],
};
