import type { StepIR } from '../ir/types';
import { SAFE_DIAL_TARGET } from '../routing/dial-safety';
import { DIAL_HEADER_ALLOW_LIST, MAX_DIAL_ENDPOINTS, MAX_DIAL_HEADERS } from '../call/dial-input';
import { isRecord } from '../core/is-record';
import { intoSchema, objectSchema, ref, templatedString } from './schema-helpers';
import type { StepBranch, StepDefinition } from './step-definition';
import { NEXT } from './step-result';

type Outcome = 'answered' | 'busy' | 'no_answer' | 'failed';
const OUTCOMES: readonly Outcome[] = ['answered', 'busy', 'no_answer', 'failed'];

export interface DialParams {
  /** Templates; each must render to a `TECH/resource` dial string. */
  readonly endpoints: readonly string[];
  readonly strategy: 'sequential' | 'parallel';
  readonly timeoutMs: number;
  /** Template; absent: the caller's own caller id. */
  readonly callerId?: string;
  /** SIP header → value template. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly into: string;
  /** Steps run after the dial, by outcome. */
  readonly on: Readonly<Partial<Record<Outcome, readonly StepIR[]>>>;
}

/** Dial defaults; `call.dial()` in TypeScript handlers uses the same strategy and timeout. */
export const DIAL_DEFAULTS = { strategy: 'sequential', timeoutMs: 30_000, into: 'dial' } as const;

const ENDPOINT = templatedString(SAFE_DIAL_TARGET, 'A dial string such as PJSIP/1001 or PJSIP/1001@trunk, or a template such as "PJSIP/{{ metadata.agent }}".', { maxLength: 256 });
const ENDPOINTS = { type: 'array', minItems: 1, maxItems: MAX_DIAL_ENDPOINTS, items: ENDPOINT, description: 'Endpoints to ring (1 to 32).' };
const HEADER_NAME = `^(?:X-[A-Za-z0-9-]{1,62}|${DIAL_HEADER_ALLOW_LIST.join('|')})$`;

const BRANCH_HELP: Record<Outcome, string> = {
  answered: 'Steps run after a bridged call ends because the far end hung up.',
  busy: 'Steps run when the endpoint was busy.',
  no_answer: 'Steps run when nobody answered before the timeout.',
  failed: 'Steps run when the endpoint could not be reached.',
};

export const dialStep: StepDefinition<DialParams> = {
  type: 'dial',
  shape: 'step',
  placesCalls: true,
  defaults: DIAL_DEFAULTS,
  description:
    'Rings one or more endpoints (one after the other, or all at once with the first answer winning), bridges the caller with the one that answers until either side hangs up, and puts the outcome in `<into>_status`.',
  schema: {
    description: 'An endpoint, a list of endpoints (rung one after the other), or { endpoints, strategy, timeout, caller_id, headers, into, answered, busy, no_answer, failed }.',
    oneOf: [
      ENDPOINT,
      ENDPOINTS,
      objectSchema(
        'Long form.',
        {
          endpoints: { description: 'One endpoint or a list of them (1 to 32).', oneOf: [ENDPOINT, ENDPOINTS] },
          strategy: { enum: ['sequential', 'parallel'], description: 'sequential (default): one after the other, each for the timeout; parallel: all at once, the first to answer wins and the others are hung up.' },
          timeout: ref('duration', 'Ring timeout: per endpoint when sequential, for all of them together when parallel (default 30s).'),
          caller_id: { type: 'string', minLength: 1, maxLength: 256, description: 'Caller id the far end sees, e.g. "\\"Support\\" <5550100>"; a template. Default: the caller\'s own.' },
          headers: {
            type: 'object',
            description: `SIP headers added to the outgoing call: X-... headers, or ${DIAL_HEADER_ALLOW_LIST.join(', ')}. Values are templates.`,
            propertyNames: { pattern: HEADER_NAME },
            maxProperties: MAX_DIAL_HEADERS,
            additionalProperties: { type: 'string', maxLength: 1024, description: 'The header value (a template; line breaks are refused).' },
          },
          into: intoSchema(50, 'Variable prefix (default dial): <into> gets the endpoint, <into>_status answered/busy/no_answer/failed, <into>_duration the seconds bridged.'),
          ...Object.fromEntries(OUTCOMES.map((o) => [o, ref('steps', BRANCH_HELP[o])])),
        },
        ['endpoints'],
      ),
    ],
  },
  normalize(raw, ctx) {
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)]);
    if (!isRecord(raw)) return { endpoints: list(raw), strategy: DIAL_DEFAULTS.strategy, timeoutMs: DIAL_DEFAULTS.timeoutMs, into: DIAL_DEFAULTS.into, on: {} };
    const on: Partial<Record<Outcome, readonly StepIR[]>> = {};
    for (const o of OUTCOMES) if (raw[o] !== undefined) on[o] = ctx.steps(raw[o], [o]);
    const timeoutMs = raw.timeout !== undefined ? ctx.duration(raw.timeout, ['timeout']) : DIAL_DEFAULTS.timeoutMs;
    if (raw.timeout !== undefined && timeoutMs === 0) ctx.report({ code: 'SCHEMA_VALUE', message: 'a ring timeout of 0 would never let the phone ring', rel: ['timeout'] });
    return {
      endpoints: list(raw.endpoints),
      strategy: raw.strategy === 'parallel' ? 'parallel' : 'sequential',
      timeoutMs,
      ...(typeof raw.caller_id === 'string' ? { callerId: raw.caller_id } : {}),
      ...(isRecord(raw.headers) ? { headers: Object.fromEntries(Object.entries(raw.headers).map(([k, v]) => [k, String(v)])) } : {}),
      into: typeof raw.into === 'string' ? raw.into : DIAL_DEFAULTS.into,
      on,
    };
  },
  branches: (p): StepBranch[] => OUTCOMES.filter((o) => p.on[o]).map((o) => ({ key: o, steps: p.on[o] as readonly StepIR[] })),
  writesVars: (p) => [p.into, `${p.into}_status`, `${p.into}_duration`],
  summary: (p, ctx) => [`dial ${p.endpoints.join(', ')}`, [p.strategy === 'parallel' ? 'parallel' : '', `ring ${ctx.duration(p.timeoutMs)}`].filter(Boolean).join(', ')],
  async execute(p, ctx) {
    const headers = p.headers ? Object.fromEntries(Object.entries(p.headers).map(([name, value]) => [name, ctx.render(value)])) : undefined;
    const result = await ctx.call.dial({
      endpoints: p.endpoints.map((e) => ctx.render(e)),
      strategy: p.strategy,
      timeoutMs: p.timeoutMs,
      ...(p.callerId !== undefined ? { callerId: ctx.render(p.callerId) } : {}),
      ...(headers ? { headers } : {}),
    });
    ctx.setVar(p.into, result.endpoint ?? '');
    ctx.setVar(`${p.into}_status`, result.status);
    ctx.setVar(`${p.into}_duration`, Math.round((result.talkMs ?? 0) / 1000));
    const branch = p.on[result.status];
    return branch ? ctx.run(branch) : NEXT;
  },
};
