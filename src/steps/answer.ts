import { bareSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export type AnswerParams = Record<string, never>;

export const answerStep: StepDefinition<AnswerParams> = {
  type: 'answer',
  description: 'Answers the call.',
  bare: true,
  schema: bareSchema('Answers the call; written bare: `- answer`.'),
  normalize: () => ({}),
  async execute(_p, ctx) {
    await ctx.call.answer();
    return NEXT;
  },
};
