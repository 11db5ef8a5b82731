import { QUEUE_NAME } from '../call/safe-input';
import { isRecord } from '../core/is-record';
import { objectSchema, templatedString } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { END } from './step-result';

export interface TransferToQueueParams {
  /** Template; must render to a queue name. */
  readonly queue: string;
  /** Channel variables to pass (values are templates); absent: the call's metadata. */
  readonly variables?: Readonly<Record<string, unknown>>;
}

const QUEUE = templatedString(QUEUE_NAME, 'Queue name (letters, digits, _ . -; up to 64), or a template such as "{{ metadata.queue }}".');

export const transferToQueueStep: StepDefinition<TransferToQueueParams> = {
  type: 'transfer_to_queue',
  shape: 'terminal',
  description:
    'Sets VOXTRA_QUEUE and one VOXTRA_<KEY> channel variable per metadata entry (or per `variables`), then continues into the queues context with the queue as extension, where Asterisk\'s Queue() runs. The flow ends.',
  schema: {
    description: 'A queue name, or { queue, variables }.',
    oneOf: [
      QUEUE,
      objectSchema(
        'Long form.',
        {
          queue: QUEUE,
          variables: {
            type: 'object',
            description: 'Passed as channel variables VOXTRA_<KEY> instead of the call\'s metadata; values may be templates.',
            propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,64}$' },
            additionalProperties: { description: 'The value (strings are templates; others are stringified).' },
          },
        },
        ['queue'],
      ),
    ],
  },
  normalize(raw) {
    if (!isRecord(raw)) return { queue: String(raw) };
    return { queue: String(raw.queue), ...(isRecord(raw.variables) ? { variables: raw.variables } : {}) };
  },
  endsList: () => true,
  summary: (p) => [`queue ${p.queue}`],
  transfersTo: (p) => p.queue,
  async execute(p, ctx) {
    const queue = ctx.render(p.queue);
    const variables = p.variables === undefined ? undefined : (ctx.renderValue(p.variables) as Record<string, unknown>);
    await ctx.call.transferToQueue(queue, variables === undefined ? {} : { variables });
    return END.transferred;
  },
};
