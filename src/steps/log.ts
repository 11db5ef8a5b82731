import { isRecord } from '../core/is-record';
import { LOG_METHOD_LEVELS, type LogMethodLevel } from '../core/log-options';
import { objectSchema } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface LogParams {
  /** Template. */
  readonly message: string;
  readonly level: LogMethodLevel;
}

const MESSAGE = { type: 'string', description: 'The message; may be a template.', minLength: 1 };

export const logStep: StepDefinition<LogParams> = {
  type: 'log',
  shape: 'step',
  description: 'Writes a line to the call\'s log (with the call id, flow and step).',
  schema: {
    description: 'A message, or { message, level }.',
    oneOf: [
      MESSAGE,
      objectSchema(
        'Long form.',
        { message: MESSAGE, level: { type: 'string', enum: [...LOG_METHOD_LEVELS], description: 'Log level (default info).' } },
        ['message'],
      ),
    ],
  },
  normalize(raw) {
    if (!isRecord(raw)) return { message: String(raw), level: 'info' };
    return { message: String(raw.message), level: (raw.level as LogMethodLevel | undefined) ?? 'info' };
  },
  summary: (p) => [`log "${p.message}"`],
  async execute(p, ctx) {
    ctx.log[p.level]({ callId: ctx.call.id, flow: ctx.flowId, step: ctx.step.id }, ctx.render(p.message));
    return NEXT;
  },
};
