import { SETTABLE_CHANNEL_VAR } from '../call/safe-input';
import { scalarSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface SetChannelVarParams {
  readonly assignments: readonly { readonly name: string; readonly value: unknown }[];
}

/** Channel variable values are strings: scalars with String(), objects as JSON. */
export function channelVarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const setChannelVarStep: StepDefinition<SetChannelVarParams> = {
  type: 'set_channel_var',
  shape: 'step',
  description: 'Sets Asterisk channel variables, or adds SIP headers with PJSIP_HEADER(add,X-Name).',
  schema: {
    type: 'object',
    description: 'Channel variable name → value (a template), e.g. { CDR_TAG: "{{ metadata.tier }}", "PJSIP_HEADER(add,X-Tier)": gold }.',
    propertyNames: { pattern: SETTABLE_CHANNEL_VAR.source },
    additionalProperties: scalarSchema('The value; strings are templates, numbers and booleans are stringified.'),
    minProperties: 1,
  },
  normalize(raw) {
    return { assignments: Object.entries(raw as Record<string, unknown>).map(([name, value]) => ({ name, value })) };
  },
  summary: (p) => [`set_channel_var ${p.assignments.map((a) => a.name).join(', ')}`],
  async execute(p, ctx) {
    for (const a of p.assignments) await ctx.call.setChannelVar(a.name, channelVarText(ctx.renderValue(a.value)));
    return NEXT;
  },
};
