import type { FlowIR, StepIR } from '../../ir/types';
import type { StepLookup } from '../../steps/registry';
import { labelOf } from '../../steps/step-facts';
import { mayBeLabel } from '../broken-step';
import { walkSteps, type StepVisit } from '../walk-steps';

/** One flow's steps in execution order, and where a jump from each of them lands. */
export class FlowIndex {
  /** Every step of the flow, nested ones included, in execution order. */
  readonly visits: readonly StepVisit[];
  /** The labels the flow defines, in execution order (a name may repeat). */
  readonly labels: readonly { readonly name: string; readonly step: StepIR }[];
  private readonly byStep = new Map<StepIR, StepVisit>();
  private readonly labelByStep = new Map<StepIR, string>();

  constructor(
    readonly flow: FlowIR,
    steps: StepLookup,
  ) {
    const visits: StepVisit[] = [];
    const labels: { name: string; step: StepIR }[] = [];
    walkSteps(flow.steps, steps, (v) => {
      visits.push(v);
      this.byStep.set(v.step, v);
      const name = labelOf(v.step, steps);
      if (name !== undefined) {
        labels.push({ name, step: v.step });
        this.labelByStep.set(v.step, name);
      }
    });
    this.visits = visits;
    this.labels = labels;
  }

  /** A step's position in execution order (-1 for a step not in the flow). */
  order(step: StepIR): number {
    return this.byStep.get(step)?.order ?? -1;
  }

  /**
   * The step defining `label` that a jump from `from` reaches, found the way
   * the interpreter does: in the jump's own list first, then in each
   * enclosing list. Undefined when there is none, or when a broken step that
   * may define it comes first (see {@link mayReachBroken}).
   */
  labelTarget(from: StepIR, label: string): StepIR | undefined {
    const found = this.resolve(from, label);
    return found === 'broken' ? undefined : found;
  }

  /** True when a jump from `from` to `label` may land on a step that failed its schema (it may be that label). */
  mayReachBroken(from: StepIR, label: string): boolean {
    return this.resolve(from, label) === 'broken';
  }

  private resolve(from: StepIR, label: string): StepIR | 'broken' | undefined {
    for (const list of this.byStep.get(from)?.scopes ?? []) {
      let broken = false;
      for (const s of list) {
        if (this.labelByStep.get(s) === label) return s;
        broken ||= mayBeLabel(s, label);
      }
      if (broken) return 'broken';
    }
    return undefined;
  }
}
