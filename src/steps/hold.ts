import { MOH_CLASS } from '../call/safe-input';
import { isRecord } from '../core/is-record';
import { objectSchema, ref } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface HoldParams {
  readonly mohClass?: string;
  readonly durationMs?: number;
}

export const holdStep: StepDefinition<HoldParams> = {
  type: 'hold',
  shape: 'step',
  description: 'Plays music on hold. With a duration it stops after it; otherwise it stays on until the next step that plays or listens.',
  bare: true,
  schema: {
    description: 'Bare, or { class, duration }.',
    anyOf: [
      { type: 'null', description: 'Written bare: `- hold` (default class, until the next play or listen).' },
      objectSchema('Long form.', {
        class: { type: 'string', pattern: MOH_CLASS.source, description: 'Music-on-hold class from musiconhold.conf (default: the channel\'s).' },
        duration: ref('duration', 'Stop after this long; without it the music stays on until the next step that plays or listens.'),
      }),
    ],
  },
  normalize(raw, ctx) {
    if (!isRecord(raw)) return {};
    return {
      ...(typeof raw.class === 'string' ? { mohClass: raw.class } : {}),
      ...(raw.duration !== undefined ? { durationMs: ctx.duration(raw.duration, ['duration']) } : {}),
    };
  },
  summary: (p, ctx) => [['hold', p.mohClass ?? '', p.durationMs !== undefined ? ctx.duration(p.durationMs) : ''].filter(Boolean).join(' ')],
  async execute(p, ctx) {
    await ctx.call.hold({
      ...(p.mohClass !== undefined ? { mohClass: p.mohClass } : {}),
      ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}),
    });
    return NEXT;
  },
};
