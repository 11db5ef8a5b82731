import { VARIABLE_NAME } from '../call/safe-input';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface SetParams {
  /** In the order written; each value may read the ones before it. */
  readonly assignments: readonly { readonly name: string; readonly value: unknown }[];
}

export const setStep: StepDefinition<SetParams> = {
  type: 'set',
  shape: 'step',
  description: 'Sets flow variables (vars.NAME); string values are templates.',
  schema: {
    type: 'object',
    description: 'Variable name → value. Strings are templates, e.g. { greeting: "Hello {{ call.caller_name }}" }.',
    propertyNames: { pattern: VARIABLE_NAME.source, maxLength: 64 },
    additionalProperties: { description: 'The value (strings are templates).' },
    minProperties: 1,
  },
  normalize(raw) {
    return { assignments: Object.entries(raw as Record<string, unknown>).map(([name, value]) => ({ name, value })) };
  },
  writesVars: (p) => p.assignments.map((a) => a.name),
  summary: (p) => [`set ${p.assignments.map((a) => a.name).join(', ')}`],
  async execute(p, ctx) {
    for (const a of p.assignments) ctx.setVar(a.name, ctx.renderValue(a.value));
    return NEXT;
  },
};
