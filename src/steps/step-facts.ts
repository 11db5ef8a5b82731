import type { StepIR } from '../ir/types';
import type { StepLookup } from './registry';
import type { StepJump } from './step-shape';

// What the compiler's generic rules, the graph and the interpreter read from
// a step, asked of its definition: none of them knows a step type by name.

/** The label a step defines (a `label`-shaped step), if any. */
export function labelOf(step: StepIR, steps: StepLookup): string | undefined {
  return steps.get(step.type)?.labelName?.(step.params);
}

/** The jump a step makes (a `jump`-shaped step), if any. */
export function jumpOf(step: StepIR, steps: StepLookup): StepJump | undefined {
  return steps.get(step.type)?.jump?.(step.params);
}

/** The flow a step runs as a sub-flow (a `call`-shaped step), if any. */
export function calledFlowOf(step: StepIR, steps: StepLookup): string | undefined {
  return steps.get(step.type)?.calledFlow?.(step.params);
}
