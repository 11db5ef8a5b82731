import { ref } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface WaitParams {
  readonly ms: number;
}

export const waitStep: StepDefinition<WaitParams> = {
  type: 'wait',
  shape: 'step',
  description: 'Waits (silence, or music on hold while `hold` is on).',
  schema: ref('duration', 'How long: 500ms, 2s, 1m, or a number of seconds.'),
  normalize: (raw, ctx) => ({ ms: ctx.duration(raw, []) }),
  summary: (p, ctx) => [`wait ${ctx.duration(p.ms)}`],
  async execute(p, ctx) {
    await ctx.call.wait(p.ms);
    return NEXT;
  },
};
