import { DIALPLAN_CONTEXT, DIALPLAN_EXTENSION, DIALPLAN_LABEL } from '../call/safe-input';
import { objectSchema, templatedString } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { END } from './step-result';

export interface ContinueInDialplanParams {
  /** Templates. */
  readonly context: string;
  readonly extension: string;
  readonly priority?: number;
  readonly label?: string;
}

export const continueInDialplanStep: StepDefinition<ContinueInDialplanParams> = {
  type: 'continue_in_dialplan',
  shape: 'terminal',
  description: 'Leaves the flow and continues the call in the Asterisk dialplan at context/extension/priority (or label). The flow ends.',
  schema: objectSchema(
    'Where the call continues.',
    {
      context: templatedString(DIALPLAN_CONTEXT, 'Dialplan context (letters, digits, _ . + -), may be a template.'),
      extension: templatedString(DIALPLAN_EXTENSION, 'Extension (letters, digits, + * # _ . -), may be a template such as "{{ vars.digits }}".'),
      priority: { type: 'integer', minimum: 1, description: 'Priority (default 1 unless a label is given).' },
      label: { type: 'string', pattern: DIALPLAN_LABEL.source, description: 'Priority label to continue at, instead of a number.' },
    },
    ['context', 'extension'],
  ),
  normalize(raw) {
    const r = raw as Record<string, unknown>;
    return {
      context: String(r.context),
      extension: String(r.extension),
      ...(typeof r.priority === 'number' ? { priority: r.priority } : {}),
      ...(typeof r.label === 'string' ? { label: r.label } : {}),
    };
  },
  endsList: () => true,
  summary: (p) => [`dialplan ${[p.context, p.extension, p.label || String(p.priority ?? 1)].join(',')}`],
  async execute(p, ctx) {
    await ctx.call.continueInDialplan({
      context: ctx.render(p.context),
      extension: ctx.render(p.extension),
      ...(p.priority !== undefined ? { priority: p.priority } : {}),
      ...(p.label !== undefined ? { label: p.label } : {}),
    });
    return END.continued;
  },
};
