import { isRecord } from '../core/is-record';
import { objectSchema, ref, templatedString } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface SendDtmfParams {
  /** Template. */
  readonly digits: string;
  readonly betweenMs?: number;
  readonly durationMs?: number;
}

const DIGITS = templatedString(/^[0-9A-Da-d*#]{1,64}$/, 'Digits to send: 0-9, A-D, * and #; may be a template.');

export const sendDtmfStep: StepDefinition<SendDtmfParams> = {
  type: 'send_dtmf',
  shape: 'step',
  description: 'Sends DTMF digits on the call (to an IVR or device on the other side).',
  schema: {
    description: 'The digits, or { digits, between, duration }.',
    oneOf: [
      DIGITS,
      objectSchema(
        'Long form.',
        {
          digits: DIGITS,
          between: ref('duration', 'Gap between digits (Asterisk default 100ms).'),
          duration: ref('duration', 'Length of each digit (Asterisk default 100ms).'),
        },
        ['digits'],
      ),
    ],
  },
  normalize(raw, ctx) {
    if (!isRecord(raw)) return { digits: String(raw) };
    return {
      digits: String(raw.digits),
      ...(raw.between !== undefined ? { betweenMs: ctx.duration(raw.between, ['between']) } : {}),
      ...(raw.duration !== undefined ? { durationMs: ctx.duration(raw.duration, ['duration']) } : {}),
    };
  },
  summary: (p) => [`send_dtmf ${p.digits}`],
  async execute(p, ctx) {
    await ctx.call.sendDtmf(ctx.render(p.digits), {
      ...(p.betweenMs !== undefined ? { betweenMs: p.betweenMs } : {}),
      ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}),
    });
    return NEXT;
  },
};
