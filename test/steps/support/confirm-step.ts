import type { StepIR } from '../../../src/ir/types';
import { objectSchema, ref } from '../../../src/steps/schema-helpers';
import type { StepBranch, StepDefinition } from '../../../src/steps/step-definition';
import { NEXT } from '../../../src/steps/step-result';

// A throwaway step type, written the way docs/contributing.md ("Adding a step
// type") says: one file, then one line in a registry array. The test in
// ../adding-a-step.test.ts shows the compiler, the interpreter, the graph and
// coverage all pick it up from this definition alone.

export interface ConfirmParams {
  /** Media URI (a template). */
  readonly prompt: string;
  readonly yes?: readonly StepIR[];
  readonly no?: readonly StepIR[];
}

/** `confirm`: plays a prompt, then runs `yes` on 1 or `no` on 2; any other answer goes on after it. */
export const confirmStep: StepDefinition<ConfirmParams> = {
  type: 'confirm',
  description: 'Asks the caller to press 1 (yes) or 2 (no) and runs the matching steps.',
  schema: objectSchema(
    'The question and what each answer does.',
    {
      prompt: ref('media', 'The question, e.g. sound:press-1-to-confirm.'),
      yes: ref('steps', 'Steps run when the caller presses 1.'),
      no: ref('steps', 'Steps run when the caller presses 2.'),
    },
    ['prompt'],
  ),
  defaults: { timeoutMs: 3000 },
  shape: 'menu',
  otherwise: 'no answer',
  normalize(raw, ctx) {
    const r = raw as Record<string, unknown>;
    return {
      prompt: String(r.prompt),
      ...(r.yes !== undefined ? { yes: ctx.steps(r.yes, ['yes']) } : {}),
      ...(r.no !== undefined ? { no: ctx.steps(r.no, ['no']) } : {}),
    };
  },
  branches(p) {
    const out: StepBranch[] = [];
    if (p.no) out.push({ key: 'no', steps: p.no, choice: '2' });
    if (p.yes) out.push({ key: 'yes', steps: p.yes, choice: '1' });
    return out;
  },
  summary: (p) => [`confirm ${p.prompt}`],
  rules: [
    {
      name: 'confirm-no-answer',
      code: 'MENU_NO_EXIT',
      check(step, ctx) {
        if (!step.params.yes && !step.params.no) ctx.report({ at: step, message: 'this confirm has neither yes nor no steps', hint: 'Give it `yes:` or `no:` steps, or use a play step.' });
      },
    },
  ],
  async execute(p, ctx) {
    const answer = await ctx.call.listenDtmf({ prompt: { media: [ctx.render(p.prompt)] }, maxDigits: 1, timeoutMs: 3000, terminator: '' });
    const branch = answer.digits === '1' ? p.yes : answer.digits === '2' ? p.no : undefined;
    return branch ? ctx.run(branch) : NEXT;
  },
};
