import { LABEL_NAME } from './label';
import { isRecord } from '../core/is-record';
import { objectSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import type { StepRule } from './step-rule';
import { goTo, NEXT } from './step-result';

export interface GotoParams {
  readonly label: string;
  /** Jumps allowed before the goto falls through to the next step. */
  readonly max?: number;
}

const LABEL = { type: 'string', description: 'The label to jump to, in this step list or an enclosing one of the same flow.', pattern: LABEL_NAME.source };

/** GOTO_UNBOUNDED: a goto jumps back (to a label at or before it) with no `max`. */
const gotoUnbounded: StepRule<GotoParams> = {
  name: 'goto-unbounded',
  code: 'GOTO_UNBOUNDED',
  check(step, ctx) {
    const { label, max } = step.params;
    const target = max === undefined ? ctx.labelTarget(step, label) : undefined;
    if (!target || ctx.order(target) > ctx.order(step)) return;
    ctx.report({
      at: step,
      message: `goto "${label}" jumps back with no max, so the loop never ends on its own`,
      hint: `Write \`goto: { label: ${label}, max: 3 }\`; after max jumps the goto falls through.`,
      related: [{ message: 'the label', at: target }],
    });
  },
};

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
  rules: [gotoUnbounded],
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
