import type { StepIR } from '../ir/types';
import { objectSchema, ref } from './schema-helpers';
import type { StepBranch, StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface SwitchParams {
  /** Template. */
  readonly value: string;
  readonly cases: readonly { readonly key: string; readonly steps: readonly StepIR[] }[];
  readonly default?: readonly StepIR[];
}

export const switchStep: StepDefinition<SwitchParams> = {
  type: 'switch',
  shape: 'decision',
  otherwise: 'default',
  description: 'Renders a value and runs the steps of the case equal to it (or `default`); the flow continues after the switch.',
  schema: objectSchema(
    'A value and one step list per case.',
    {
      value: { type: 'string', description: 'The value to compare, usually a template such as "{{ metadata.department }}".' },
      cases: {
        type: 'object',
        description: 'Case value → steps. The rendered value must equal the key exactly.',
        additionalProperties: ref('steps', 'Steps for this case.'),
      },
      default: ref('steps', 'Steps run when no case matches.'),
    },
    ['value', 'cases'],
  ),
  normalize(raw, ctx) {
    const r = raw as { value: unknown; cases: Record<string, unknown>; default?: unknown };
    return {
      value: String(r.value),
      cases: Object.entries(r.cases).map(([key, steps]) => ({ key, steps: ctx.steps(steps, ['cases', key]) })),
      ...(r.default !== undefined ? { default: ctx.steps(r.default, ['default']) } : {}),
    };
  },
  branches(p) {
    const out: StepBranch[] = p.cases.map((c) => ({ key: `cases.${c.key}`, steps: c.steps, title: c.key }));
    if (p.default) out.push({ key: 'default', steps: p.default });
    return out;
  },
  summary: (p) => [`switch ${p.value}`],
  async execute(p, ctx) {
    const value = ctx.render(p.value);
    const chosen = p.cases.find((c) => c.key === value)?.steps ?? p.default;
    return chosen ? ctx.run(chosen) : NEXT;
  },
};
