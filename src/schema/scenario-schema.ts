import { DURATION_PATTERN } from '../core/duration';
import { HANGUP_REASONS } from '../control/call-control';
import { SCHEMA_DIALECT, str, type JsonSchema } from './json-schema';
import { NAME_PATTERNS } from './names';

/** How a scenario's call may end, as `expect.outcome` names it. */
export const SCENARIO_OUTCOMES = ['completed', 'hung_up', 'caller_hangup', 'transferred', 'continued', 'rejected', 'error', 'no_route', 'forwarded'] as const;

/** Who hung the caller's channel up, as the simulator's transcript says. */
export const HANGUP_PARTIES = ['caller', 'app', 'far-end', 'agent', 'dialplan', 'server', 'peer'] as const;

const ref = (name: string, description: string): JsonSchema => ({ $ref: `#/$defs/${name}`, description });
const map = (description: string, values: JsonSchema, names?: string): JsonSchema => ({
  type: 'object',
  description,
  ...(names ? { propertyNames: { pattern: names } } : {}),
  additionalProperties: values,
});

const DIGITS = '^[0-9A-Da-d*#]{1,64}$';

const duration: JsonSchema = {
  description: 'A duration: 500ms, 5s, 2m, 1h, or a number of seconds.',
  anyOf: [
    { type: 'string', pattern: DURATION_PATTERN },
    { type: 'number', minimum: 0 },
  ],
};

const call: JsonSchema = {
  type: 'object',
  description: 'The incoming call, as a SIP phone would place it.',
  properties: {
    extension: str('The dialled extension (channel.dialplan.exten), e.g. "1000" or "+442071234567".', { pattern: '^[^\\s,()]+$', maxLength: 80 }),
    from: str('The calling number (caller id number), e.g. "+15550100". Default: none.', { maxLength: 80 }),
    caller_name: str('The caller id name. Default: none.', { maxLength: 80 }),
    headers: map('SIP headers of the INVITE (read by routes as header.NAME).', str('The header value.'), NAME_PATTERNS.header),
    variables: map('Channel variables set before the call reaches Stasis (read by routes as var.NAME).', { type: ['string', 'number', 'boolean'], description: 'The value (stored as a string).' }, NAME_PATTERNS.channelVar),
    talk: ref('duration', 'How long the caller speaks once a record step starts recording (default: the caller stays silent).'),
    args: {
      type: 'array',
      description: 'Stasis arguments (the dialplan\'s Stasis(app,arg1,arg2)). Default: the extension, as the simulator\'s dialplan passes it.',
      items: str('One argument.', { pattern: '^[^,()\\s]*$', maxLength: 80 }),
      maxItems: 16,
    },
  },
  additionalProperties: false,
};

const prompts: JsonSchema = {
  description: 'Prompts the caller heard, in order: a plain list must match exactly; { includes: [...] } only in order, with others allowed between.',
  anyOf: [
    { type: 'array', description: 'Every prompt, exactly and in order.', items: ref('prompt', 'One prompt.') },
    {
      type: 'object',
      description: 'A looser match.',
      properties: {
        exactly: { type: 'array', description: 'Every prompt, exactly and in order.', items: ref('prompt', 'One prompt.') },
        includes: { type: 'array', description: 'These prompts, in this order; others may come between.', items: ref('prompt', 'One prompt.') },
      },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    },
  ],
};

const prompt: JsonSchema = {
  description: 'A prompt: the text a say step spoke, or the media URI a play step played (a list joined with ", "); or an object that also names how it ended.',
  anyOf: [
    str('Say text or media URI.'),
    {
      type: 'object',
      description: 'A prompt and how it ended.',
      properties: {
        say: str('Text spoken through text-to-speech.'),
        play: str('Media URI(s) played (a list joined with ", ").'),
        status: { enum: ['done', 'interrupted', 'failed', 'hangup'], description: 'How the prompt ended: played to the end, interrupted by a digit, failed (missing media), or cut by a hangup.' },
      },
      minProperties: 1,
      additionalProperties: false,
    },
  ],
};

const lines = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: str('A line: the exact text (white space runs count as one space), optionally with its time first ("5.20s pressed 1"), or /regex/ between slashes.'),
});

const timing: Record<string, JsonSchema> = {
  at: ref('duration', 'When, counted from the moment the call was placed.'),
  after: ref('duration', 'When, counted from the end of the previous action (the call\'s start for the first). The default is after: 0.'),
  during: {
    description: 'As a prompt starts: `prompt` is the next prompt to start after the previous action; { prompt: 3 } the call\'s third prompt; { prompt: "text" } the next prompt whose text or media contains it.',
    anyOf: [
      { const: 'prompt', description: 'The next prompt.' },
      {
        type: 'object',
        description: 'Which prompt.',
        properties: {
          prompt: {
            description: 'The call\'s nth prompt (1-based), or text (or media) the next prompt contains.',
            anyOf: [
              { type: 'integer', minimum: 1, description: 'The nth prompt of the call.' },
              { type: 'string', minLength: 1, description: 'Text or media the prompt contains.' },
            ],
          },
        },
        required: ['prompt'],
        additionalProperties: false,
      },
    ],
  },
  offset: ref('duration', 'With `during`: how long after the prompt starts (default 0: the first digit arrives 200 ms into the prompt).'),
};

const callerAction: JsonSchema = {
  description: 'One thing the caller does. Without at/after/during it happens right after the previous action. Silence needs no action: it is what happens when nothing is pressed.',
  anyOf: [
    {
      type: 'object',
      description: 'Press digits (one DTMF event each, 400 ms apart, each 200 ms long).',
      properties: {
        press: str('Digits: 0-9, *, #, A-D.', { pattern: DIGITS }),
        gap: ref('duration', 'Time between the starts of two digits (default 400ms).'),
        ...timing,
      },
      required: ['press'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: 'Hang up.',
      properties: {
        hangup: { const: true, description: 'The caller hangs up (a SIP BYE).' },
        ...timing,
      },
      required: ['hangup'],
      additionalProperties: false,
    },
  ],
};

const httpAnswer: JsonSchema = {
  type: 'object',
  description: 'One canned answer.',
  properties: {
    status: { type: 'integer', minimum: 200, maximum: 599, description: 'HTTP status (default 200).' },
    json: { description: 'A JSON body (sent with Content-Type application/json).' },
    body: str('A raw text body (instead of json).'),
    headers: map('Answer headers.', str('The header value.')),
    delay: ref('duration', 'Simulated time before the answer arrives (default 0); longer than the caller\'s timeout is a timeout.'),
    timeout: { const: true, description: 'Never answer: the caller\'s own timeout fires.' },
    error: str('Fail the connection with this message (a network error, e.g. "connect ECONNREFUSED").'),
  },
  additionalProperties: false,
};

const http: JsonSchema = map(
  'Canned HTTP answers for the HTTP router and http steps, keyed by URL (it also answers URLs below it, e.g. http://crm/api answers http://crm/api/customers/42), by the name of an HTTP dispatch rule, or by the name of an HTTP service (http_services). A request nothing answers fails like a refused connection.',
  {
    description: 'An answer, or a list used in order (the last one repeats).',
    anyOf: [ref('httpAnswer', 'The answer to every request.'), { type: 'array', minItems: 1, description: 'Answers in order; the last repeats.', items: ref('httpAnswer', 'One answer.') }],
  },
);

const simulator: JsonSchema = {
  type: 'object',
  description: 'How the simulated Asterisk behaves for this call.',
  properties: {
    queues: map(
      'Queue behaviour by queue name.',
      {
        type: 'object',
        description: 'One queue.',
        properties: { no_agents: { type: 'boolean', description: 'No agent answers: the caller waits until Queue()\'s timeout (30 s), then the dialplan hangs up.' } },
        additionalProperties: false,
      },
    ),
    endpoints: map(
      'How far ends answer dial steps and HTTP router forwards, by dial string (PJSIP/1001) or endpoint (PJSIP/trunk). Unlisted PJSIP endpoints do not exist (the dial fails).',
      {
        type: 'object',
        description: 'One far end.',
        properties: {
          answer: { enum: ['answer', 'busy', 'no-answer', 'unavailable'], description: 'answer (after ring), busy (after ring; cause 17), no-answer (rings until the dial timeout), unavailable (fails at once).' },
          ring: ref('duration', 'How long it rings first (default 0).'),
          hangup_after: ref('duration', 'With answer: the far end hangs up this long after answering (default: never; the caller or the flow ends the call).'),
        },
        required: ['answer'],
        additionalProperties: false,
      },
      '^(PJSIP|pjsip)/.+$',
    ),
    sounds: map('Extra sounds and their lengths (sound:NAME).', ref('duration', 'How long the sound plays.')),
    over_http: { type: 'boolean', description: 'Run this call over the network: the simulator listens on 127.0.0.1 and the runtime connects with ari-client over HTTP and WebSocket, on a scaled real clock (slower, and times may vary by a few ms; default false: in-process on a simulated clock).' },
    time_scale: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'With over_http: real ms per simulated ms (default 0.02: 50 times faster than real time).' },
    remote_media: map('Lengths of sound:http(s)://... media.', ref('duration', 'How long the media plays.')),
  },
  additionalProperties: false,
};

const expectations: JsonSchema = {
  type: 'object',
  description: 'What must happen: at least one key; each one listed is checked.',
  minProperties: 1,
  properties: {
    route: { type: ['string', 'null'], description: 'The route, dispatch rule or `default` that took the call; null when nothing matched.' },
    flow: { type: ['string', 'null'], description: 'The flow the route chose (inline steps run as @route/NAME or @dispatch/NAME); null when the call ran no flow.' },
    outcome: { enum: [...SCENARIO_OUTCOMES], description: 'How Voxtra\'s session ended: completed, hung_up (a hangup step), caller_hangup, transferred, continued, rejected, error, no_route or forwarded.' },
    error: str('With outcome error: the error code (e.g. TTS_FAILED) or a part of its message.'),
    prompts,
    variables: map('Flow variables at the end of the call; null means never set.', { description: 'The value (compared as text for numbers and strings).' }),
    channel_variables: map(
      'Channel variables Voxtra set (transfer_to_queue\'s VOXTRA_*, set_channel_var), last value each; null means never set.',
      { type: ['string', 'number', 'boolean', 'null'], description: 'The value.' },
    ),
    queue: { type: ['string', 'null'], description: 'The queue the call was transferred to; null when it was not.' },
    continued: {
      description: 'Where continue_in_dialplan sent the call; null when it did not.',
      anyOf: [
        { type: 'null', description: 'Did not continue.' },
        {
          type: 'object',
          description: 'The dialplan target (listed fields are compared).',
          properties: {
            context: str('Dialplan context.'),
            extension: str('Extension.'),
            priority: { type: 'integer', minimum: 1, description: 'Priority.' },
            label: str('Priority label.'),
          },
          additionalProperties: false,
        },
      ],
    },
    hangup: {
      type: 'object',
      description: 'How the caller\'s channel ended.',
      properties: {
        by: { enum: [...HANGUP_PARTIES], description: 'Who hung up: caller, app (Voxtra), far-end, agent (a queue member), dialplan, server or peer.' },
        cause: {
          description: 'Q.850 cause number (16 normal, 17 busy, ...) or an ARI hangup reason (normal, busy, ...).',
          anyOf: [
            { type: 'integer', minimum: 0, maximum: 127, description: 'Q.850 cause.' },
            { enum: [...HANGUP_REASONS], description: 'ARI hangup reason.' },
          ],
        },
      },
      minProperties: 1,
      additionalProperties: false,
    },
    transcript: lines('Lines of what the caller experienced (as `voxtra call` prints them, with say text instead of file names), in order; other lines may come between.'),
    events: lines('Lines of what Voxtra did (route, flows, steps, prompts, digits, variables, actions, end), in order; other lines may come between.'),
    logs: lines('Log messages (info and above), in order; a plain line matches when the message contains it; other messages may come between.'),
    requests: {
      type: 'array',
      description: 'HTTP requests Voxtra made, in order; others may come between.',
      items: {
        description: 'A URL or HTTP dispatch rule name, or an object that also checks the JSON body.',
        anyOf: [
          str('URL or rule name.'),
          {
            type: 'object',
            description: 'A request and part of its JSON body.',
            properties: {
              to: str('URL or rule name.'),
              body: { type: 'object', description: 'Fields the JSON body must have (nested objects compare the listed fields only).' },
            },
            required: ['to'],
            additionalProperties: false,
          },
        ],
      },
    },
  },
  additionalProperties: false,
};

const start = str('When the call is placed, as an ISO date-time with an offset (what calendars see). Default 2025-01-06T10:00:00Z, a Monday morning.', { format: 'date-time' });

const scenario: JsonSchema = {
  type: 'object',
  description: 'One call: who calls what, what the caller does, and what must happen.',
  properties: {
    name: str('What the scenario shows; unique within the file.', { minLength: 1 }),
    description: str('Notes for readers.'),
    skip: { type: ['boolean', 'string'], description: 'Skip this scenario (true, or the reason).' },
    app: str('Stasis app the call enters (default: the file\'s).', { pattern: NAME_PATTERNS.app }),
    start,
    time_limit: ref('duration', 'The caller hangs up and the scenario fails when the call is still going after this much simulated time (default 10m).'),
    call: ref('call', 'The incoming call.'),
    caller: { type: 'array', description: 'What the caller does, in order.', items: ref('callerAction', 'One action.') },
    http: ref('http', 'Canned HTTP answers.'),
    simulator: ref('simulator', 'Simulated Asterisk behaviour.'),
    expect: ref('expect', 'What must happen.'),
  },
  required: ['name', 'expect'],
  additionalProperties: false,
};

/** The JSON Schema of `voxtra test` scenario files (`*.test.yaml`). */
export function scenarioSchema(): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    title: 'Voxtra scenario file',
    description: 'Calls `voxtra test` places against the flows on a simulated clock, what the caller does, and what must happen.',
    type: 'object',
    properties: {
      $schema: str('The schema this file follows (ignored by Voxtra).'),
      app: str('Stasis app the calls enter (default: the app whose flows hold this file, else the first app).', { pattern: NAME_PATTERNS.app }),
      defaults: {
        type: 'object',
        description: 'What every scenario of the file starts from; a scenario\'s own values win (call fields, http endpoints and simulator settings merge key by key).',
        properties: {
          start,
          time_limit: ref('duration', 'Default time limit.'),
          call: ref('call', 'Default call fields.'),
          http: ref('http', 'Default canned HTTP answers.'),
          simulator: ref('simulator', 'Default simulated Asterisk behaviour.'),
        },
        additionalProperties: false,
      },
      scenarios: { type: 'array', minItems: 1, description: 'The scenarios, run one after the other, each on a fresh simulator.', items: ref('scenario', 'One scenario.') },
    },
    required: ['scenarios'],
    additionalProperties: false,
    $defs: { duration, call, callerAction, httpAnswer, http, simulator, prompt, expect: expectations, scenario },
  };
}
