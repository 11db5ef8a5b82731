import type { FlowIR, StepIR } from '../../ir/types';
import type { StepLookup } from '../../steps/registry';
import { labelOf } from '../../steps/step-facts';
import { walkSteps, type StepVisit } from '../walk-steps';

/** One flow's steps in execution order, and where a jump from each of them lands. */
export class FlowIndex {
  /** Every step of the flow, nested ones included, in execution order. */
  readonly visits: readonly StepVisit[];
  private readonly byStep = new Map<StepIR, StepVisit>();

  constructor(
    readonly flow: FlowIR,
    private readonly steps: StepLookup,
  ) {
    const visits: StepVisit[] = [];
    walkSteps(flow.steps, steps, (v) => {
      visits.push(v);
      this.byStep.set(v.step, v);
    });
    this.visits = visits;
  }

  /** A step's position in execution order (-1 for a step not in the flow). */
  order(step: StepIR): number {
    return this.byStep.get(step)?.order ?? -1;
  }

  /**
   * The step defining `label` that a jump from `from` reaches, found the way
   * the interpreter does: in the jump's own list first, then in each
   * enclosing list.
   */
  labelTarget(from: StepIR, label: string): StepIR | undefined {
    for (const list of this.byStep.get(from)?.scopes ?? []) {
      const target = list.find((s) => labelOf(s, this.steps) === label);
      if (target) return target;
    }
    return undefined;
  }
}
