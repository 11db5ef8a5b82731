import { bareSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { RETURN } from './step-result';

export type ReturnParams = Record<string, never>;

export const returnStep: StepDefinition<ReturnParams> = {
  type: 'return',
  shape: 'return',
  description: 'Returns from a sub-flow to the step after its `call` (in the call\'s own flow, it ends the flow).',
  bare: true,
  schema: bareSchema('Written bare: `- return`.'),
  normalize: () => ({}),
  endsList: () => true,
  summary: () => ['return'],
  async execute() {
    return RETURN;
  },
};
