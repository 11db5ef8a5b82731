import { PromisedOutcome, type Outcome } from '../core/outcome';
import type { StepContext } from './step-definition';
import type { StepResult } from './step-result';

/** `execute` of a step that has `start`: the same work, its end read through a {@link PromisedOutcome}. */
export function executeThroughStart<P>(start: (params: P, ctx: StepContext, end: Outcome<StepResult>) => void): (params: P, ctx: StepContext) => Promise<StepResult> {
  return (params, ctx) => {
    const end = new PromisedOutcome<StepResult>();
    start(params, ctx, end);
    return end.promise;
  };
}
