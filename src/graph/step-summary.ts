import { formatDuration as formatMs } from '../core/duration';
import type { ConditionIR, StepIR } from '../ir/types';
import type { StepLookup } from '../steps/registry';
import type { SummaryContext } from '../steps/step-shape';
import { describeCondition } from './describe-condition';

const GRAPH_DURATION = { fractionalSeconds: true } as const;
/** `500ms`, `5s`, `2m`, `1.5s`: durations as people write them (the kernel's formatter, graph form). */
const formatDuration = (ms: number): string => formatMs(ms, GRAPH_DURATION);

/** What a step's `summary` writes its parts with; nested steps (prompts) summarise through the same catalogue. */
class GraphSummaryContext implements SummaryContext {
  constructor(private readonly lookup: StepLookup) {}

  duration(ms: number): string {
    return formatDuration(ms);
  }

  condition(condition: ConditionIR): string {
    return describeCondition(condition);
  }

  step(step: StepIR): readonly string[] {
    return summarizeStep(step, this.lookup);
  }
}

const contexts = new WeakMap<StepLookup, SummaryContext>();

/**
 * The label lines of a step, unwrapped, from its definition's `summary`: the
 * step type and its key value (`say "Welcome"`, `queue sales`, `goto top`).
 * ASCII only: Graphviz has no width metrics for other characters and would
 * draw their boxes too narrow. A step type without a summary shows its type
 * and first short string parameter.
 */
export function summarizeStep(step: StepIR, lookup: StepLookup): string[] {
  const summary = lookup.get(step.type)?.summary;
  if (summary) {
    let ctx = contexts.get(lookup);
    if (!ctx) {
      ctx = new GraphSummaryContext(lookup);
      contexts.set(lookup, ctx);
    }
    return [...summary(step.params, ctx)];
  }
  const params = step.params && typeof step.params === 'object' ? (step.params as Record<string, unknown>) : {};
  const first = Object.values(params).find((v): v is string => typeof v === 'string');
  return [first !== undefined ? `${step.type} ${first}` : step.type];
}
