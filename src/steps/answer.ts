import { bareSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export type AnswerParams = Record<string, never>;

export const answerStep: StepDefinition<AnswerParams> = {
  type: 'answer',
  shape: 'step',
  description: 'Answers the call.',
  bare: true,
  schema: bareSchema('Answers the call; written bare: `- answer`.'),
  normalize: () => ({}),
  summary: () => ['answer'],
  async execute(_p, ctx) {
    await ctx.call.answer();
    return NEXT;
  },
};
