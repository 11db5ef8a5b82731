import type { StepIR } from '../ir/types';
import { isRecord } from '../core/is-record';

// Labels, gotos and sub-flow calls are read from the params of the `label`,
// `goto` and `call` steps (src/steps/label.ts, goto.ts, call.ts); the
// interpreter finds labels the same way.

/** The label a `label` step defines. */
export function labelOf(step: StepIR): string | undefined {
  if (step.type !== 'label' || !isRecord(step.params)) return undefined;
  return typeof step.params.name === 'string' ? step.params.name : undefined;
}

/** The jump a `goto` step makes, and its loop bound. */
export function gotoOf(step: StepIR): { label: string; max?: number } | undefined {
  if (step.type !== 'goto' || !isRecord(step.params) || typeof step.params.label !== 'string') return undefined;
  return { label: step.params.label, ...(typeof step.params.max === 'number' ? { max: step.params.max } : {}) };
}

/** The flow a `call` step runs as a sub-flow. */
export function callOf(step: StepIR): string | undefined {
  if (step.type !== 'call' || !isRecord(step.params)) return undefined;
  return typeof step.params.flow === 'string' ? step.params.flow : undefined;
}
