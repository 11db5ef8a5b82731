import type { Outcome } from '../core/outcome';
import type { ListenResult } from '../call/call-api';
import type { StepIR } from '../ir/types';
import { executeThroughStart } from './execute-through-start';
import { normalizePrompt, promptOf } from './prompt';
import { intoSchema, objectSchema, ref } from './schema-helpers';
import type { StepChild, StepContext, StepDefinition } from './step-definition';
import { NEXT, type StepResult } from './step-result';

export interface ListenDtmfParams {
  readonly prompt?: StepIR;
  readonly bargeIn: boolean;
  readonly maxDigits: number;
  readonly minDigits: number;
  readonly timeoutMs: number;
  readonly interDigitTimeoutMs: number;
  /** '' for none. */
  readonly terminator: string;
  readonly into: string;
}

/** Listen defaults; `call.listenDtmf()` in TypeScript handlers uses the same. */
export const LISTEN_DEFAULTS = { maxDigits: 64, minDigits: 1, timeoutMs: 5000, interDigitTimeoutMs: 3000, terminator: '#', into: 'digits' } as const;
// `<into>_status` per variable name, made once (names come from the flows, so they are few).
const statusVars = new Map<string, string>();
function statusVar(into: string): string {
  let name = statusVars.get(into);
  if (name === undefined) {
    name = `${into}_status`;
    if (statusVars.size < 1000) statusVars.set(into, name);
  }
  return name;
}

/** The most digits one listen collects. */
export const MAX_LISTEN_DIGITS = 64;

export const listenDtmfStep: StepDefinition<ListenDtmfParams> = {
  type: 'listen_dtmf',
  shape: 'step',
  defaults: LISTEN_DEFAULTS,
  description: 'Collects DTMF digits (optionally after a prompt the caller can barge into) into a variable, with its status in `<into>_status`.',
  schema: objectSchema('How to collect the digits.', {
    prompt: ref('prompt', 'Played first: { play: ... } or { say: ... }. Digits pressed during it are kept.'),
    barge_in: { type: 'boolean', description: 'Whether a digit stops the prompt (default true).' },
    max_digits: { type: 'integer', minimum: 1, maximum: MAX_LISTEN_DIGITS, description: `Stop after this many digits (default ${LISTEN_DEFAULTS.maxDigits}).` },
    min_digits: { type: 'integer', minimum: 0, maximum: MAX_LISTEN_DIGITS, description: 'Fewer digits than this give status timeout (default 1).' },
    timeout: ref('duration', 'How long to wait for the first digit after the prompt (default 5s).'),
    inter_digit_timeout: ref('duration', 'How long to wait for each further digit (default 3s).'),
    terminator: { type: 'string', pattern: '^[0-9A-D*#]?$', description: 'Digit that ends input early and is not kept (default #); "" for none.' },
    into: intoSchema(57, 'Variable for the digits (default digits); the status ok/timeout/hangup goes to <into>_status.'),
  }),
  normalize(raw, ctx) {
    const r = raw as Record<string, unknown>;
    const maxDigits = typeof r.max_digits === 'number' ? r.max_digits : LISTEN_DEFAULTS.maxDigits;
    const minDigits = typeof r.min_digits === 'number' ? r.min_digits : Math.min(LISTEN_DEFAULTS.minDigits, maxDigits);
    if (minDigits > maxDigits) {
      ctx.report({ code: 'SCHEMA_VALUE', message: `min_digits (${minDigits}) is larger than max_digits (${maxDigits})`, rel: ['min_digits'] });
    }
    return {
      ...(r.prompt !== undefined ? { prompt: normalizePrompt(r.prompt, ['prompt'], ctx) } : {}),
      bargeIn: r.barge_in !== false,
      maxDigits,
      minDigits: Math.min(minDigits, maxDigits),
      timeoutMs: r.timeout !== undefined ? ctx.duration(r.timeout, ['timeout']) : LISTEN_DEFAULTS.timeoutMs,
      interDigitTimeoutMs: r.inter_digit_timeout !== undefined ? ctx.duration(r.inter_digit_timeout, ['inter_digit_timeout']) : LISTEN_DEFAULTS.interDigitTimeoutMs,
      terminator: typeof r.terminator === 'string' ? r.terminator : LISTEN_DEFAULTS.terminator,
      into: typeof r.into === 'string' ? r.into : LISTEN_DEFAULTS.into,
    };
  },
  children: (p): StepChild[] => (p.prompt ? [{ key: 'prompt', step: p.prompt }] : []),
  writesVars: (p) => [p.into, `${p.into}_status`],
  summary: (p, ctx) => [`listen_dtmf into ${p.into}`, ...(p.prompt ? ctx.step(p.prompt) : [])],
  // A call waits here for most of its life: it keeps a ListenInto, not a promise chain (see StepDefinition.start).
  start: startListen,
  execute: executeThroughStart(startListen),
};

function startListen(p: ListenDtmfParams, ctx: StepContext, end: Outcome<StepResult>): void {
  ctx.listenDtmfInto(
    {
      ...(p.prompt ? { prompt: promptOf(p.prompt, ctx) } : {}),
      bargeIn: p.bargeIn,
      maxDigits: p.maxDigits,
      minDigits: p.minDigits,
      timeoutMs: p.timeoutMs,
      interDigitTimeoutMs: p.interDigitTimeoutMs,
      terminator: p.terminator,
      tts: ctx.services.tts,
    },
    new ListenInto(p.into, ctx, end),
  );
}

/** Where the listen ends: the digits and their status go into the step's variables, then the flow goes on. */
class ListenInto implements Outcome<ListenResult> {
  constructor(
    private readonly into: string,
    private readonly ctx: StepContext,
    private readonly end: Outcome<StepResult>,
  ) {}

  resolved(result: ListenResult): void {
    try {
      this.ctx.setVar(this.into, result.digits);
      this.ctx.setVar(statusVar(this.into), result.status);
    } catch (err) {
      return this.end.rejected(err);
    }
    this.end.resolved(NEXT);
  }

  rejected(err: unknown): void {
    this.end.rejected(err);
  }
}
