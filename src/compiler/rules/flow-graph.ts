import type { SourceRef } from '../../ir/types';
import type { AppModel } from '../app-model';
import { calledFlowOf } from '../../steps/step-facts';
import { walkSteps } from '../walk-steps';

/** A `call` step: which flow it is in and which flow it runs. */
export interface CallEdge {
  readonly from: string;
  readonly to: string;
  readonly source: SourceRef;
}

/** Every `call` step of the app, in flow and step order. */
export function callEdges(app: AppModel): CallEdge[] {
  const edges: CallEdge[] = [];
  for (const flow of app.flows.values()) {
    walkSteps(flow.steps, app.steps, ({ step }) => {
      const to = calledFlowOf(step, app.steps);
      if (to !== undefined) edges.push({ from: flow.id, to, source: step.source });
    });
  }
  return edges;
}
