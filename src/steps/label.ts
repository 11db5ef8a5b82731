import type { StepDefinition } from './step-definition';
import { NEXT } from './step-result';

export interface LabelParams {
  readonly name: string;
}

/** Label names, shared with goto. */
export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export const labelStep: StepDefinition<LabelParams> = {
  type: 'label',
  shape: 'label',
  description: 'Marks a place a goto can jump to; does nothing itself.',
  schema: { type: 'string', description: 'The label name, unique within the flow.', pattern: LABEL_NAME.source },
  normalize: (raw) => ({ name: String(raw) }),
  summary: (p) => [`label ${p.name}`],
  labelName: (p) => p.name,
  async execute() {
    // A marker only: the interpreter finds labels by scanning the list.
    return NEXT;
  },
};
