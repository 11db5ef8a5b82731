import { HANGUP_REASONS, type HangupReason } from '../control/call-control';
import { isRecord } from '../core/is-record';
import { objectSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { END } from './step-result';

export interface HangupParams {
  readonly cause: HangupReason;
}

const CAUSE = { type: 'string', enum: [...HANGUP_REASONS], description: 'Hangup cause sent to Asterisk (default normal).' };

export const hangupStep: StepDefinition<HangupParams> = {
  type: 'hangup',
  shape: 'terminal',
  description: 'Hangs up the call, optionally with a cause (busy, congestion, ...); the flow ends.',
  bare: true,
  schema: {
    description: 'Bare, a cause (`hangup: busy`), or { cause }.',
    anyOf: [
      { type: 'null', description: 'Written bare: `- hangup` (cause normal).' },
      CAUSE,
      objectSchema('Long form.', { cause: CAUSE }),
    ],
  },
  normalize(raw) {
    if (typeof raw === 'string') return { cause: raw as HangupReason };
    if (isRecord(raw) && typeof raw.cause === 'string') return { cause: raw.cause as HangupReason };
    return { cause: 'normal' };
  },
  endsList: () => true,
  summary: (p) => [p.cause !== 'normal' ? `hangup (${p.cause})` : 'hangup'],
  async execute(p, ctx) {
    await ctx.call.hangup(p.cause);
    return END.hangup;
  },
};
