import { isRecord } from '../core/is-record';
import { objectSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';

export interface CallParams {
  readonly flow: string;
}

const FLOW = { type: 'string', description: 'Id of the flow to run as a sub-flow.', minLength: 1 };

export const callStep: StepDefinition<CallParams> = {
  type: 'call',
  shape: 'call',
  description: 'Runs another flow as a sub-flow (variables are shared); the flow continues here when it returns.',
  schema: { description: 'A flow id, or { flow }.', oneOf: [FLOW, objectSchema('Long form.', { flow: FLOW }, ['flow'])] },
  normalize: (raw) => ({ flow: String(isRecord(raw) ? raw.flow : raw) }),
  summary: (p) => [`call ${p.flow}`],
  calledFlow: (p) => p.flow,
  async execute(p, ctx) {
    return ctx.callFlow(p.flow);
  },
};
