import type { ConditionIR, StepIR } from '../ir/types';
import { objectSchema, ref } from './schema-helpers';
import type { StepBranch, StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface IfParams {
  readonly when: ConditionIR;
  readonly then: readonly StepIR[];
  readonly else?: readonly StepIR[];
}

export const ifStep: StepDefinition<IfParams> = {
  type: 'if',
  shape: 'decision',
  otherwise: 'else',
  description: 'Runs `then` when the condition holds, otherwise `else`; the flow continues after the if.',
  schema: objectSchema(
    'A condition and the steps for each outcome.',
    {
      when: ref('condition', 'The condition: an expression such as `vars.digits == "1"`, a match, or a calendar state.'),
      then: ref('steps', 'Steps run when the condition holds.'),
      else: ref('steps', 'Steps run when it does not.'),
    },
    ['when', 'then'],
  ),
  normalize(raw, ctx) {
    const r = raw as Record<string, unknown>;
    return {
      when: ctx.condition(r.when, ['when']),
      then: ctx.steps(r.then, ['then']),
      ...(r.else !== undefined ? { else: ctx.steps(r.else, ['else']) } : {}),
    };
  },
  branches(p) {
    const out: StepBranch[] = [{ key: 'then', steps: p.then }];
    if (p.else) out.push({ key: 'else', steps: p.else });
    return out;
  },
  summary: (p, ctx) => [`if ${ctx.condition(p.when)}`],
  async execute(p, ctx) {
    if (ctx.test(p.when)) return ctx.run(p.then);
    return p.else ? ctx.run(p.else) : NEXT;
  },
};
