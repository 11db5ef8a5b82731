import { LABEL_NAME } from './label';
import { isRecord, objectSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { goTo, NEXT } from './step-result';

export interface GotoParams {
  readonly label: string;
  /** Jumps allowed before the goto falls through to the next step. */
  readonly max?: number;
}

const LABEL = { type: 'string', description: 'The label to jump to, in this step list or an enclosing one of the same flow.', pattern: LABEL_NAME.source };

export const gotoStep: StepDefinition<GotoParams> = {
  type: 'goto',
  shape: 'jump',
  description: 'Jumps to a label. With `max`, after that many jumps it falls through to the next step instead (and its count starts again).',
  schema: {
    description: 'A label name, or { label, max }.',
    oneOf: [
      LABEL,
      objectSchema(
        'Long form, with a loop bound.',
        {
          label: LABEL,
          max: { type: 'integer', minimum: 1, maximum: 1000, description: 'How many times this goto jumps before it falls through to the next step.' },
        },
        ['label'],
      ),
    ],
  },
  normalize(raw) {
    if (!isRecord(raw)) return { label: String(raw) };
    return { label: String(raw.label), ...(typeof raw.max === 'number' ? { max: raw.max } : {}) };
  },
  endsList: (p) => p.max === undefined,
  summary: (p) => [`goto ${p.label}`, ...(p.max !== undefined ? [`at most ${p.max} times`] : [])],
  jump: (p) => p,
  async execute(p, ctx) {
    if (p.max === undefined) return goTo(ctx.step, p.label);
    const key = `goto\u0000${ctx.flowId}\u0000${ctx.step.id}`;
    const taken = ctx.counters.get(key) ?? 0;
    if (taken >= p.max) {
      // Falling through ends this loop; a later pass through it (an outer loop) gets a fresh bound.
      ctx.counters.delete(key);
      return NEXT;
    }
    ctx.counters.set(key, taken + 1);
    return goTo(ctx.step, p.label);
  },
};
