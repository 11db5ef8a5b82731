import type { FlowIR, SourceRef, StepIR } from '../../ir/types';
import { calledFlowOf } from '../../steps/step-facts';
import type { AppModel } from '../app-model';
import { FlowIndex } from './flow-index';
import { coveredRoutes, type Cover } from './route-cover';

/** A `call` step: which flow it is in and which flow it runs. */
export interface CallEdge {
  readonly from: string;
  readonly to: string;
  readonly source: SourceRef;
}

/**
 * What several rules read from one app, worked out once per app and only
 * when a rule first asks: each flow's walk (steps in execution order), the
 * `call` graph, the variables steps write, the step lists, the route covers.
 * Eight rules used to walk every flow or compare every route each on their
 * own; with a thousand files those repeated walks were a third of a compile.
 */
export class AppFacts {
  private flowIndexes?: FlowIndex[];
  private edges?: CallEdge[];
  private vars?: Set<string>;
  private lists?: Set<readonly StepIR[]>;
  private covers?: Cover[];
  private userIds?: string[];

  constructor(private readonly app: AppModel) {}

  /** One index per flow, in the app's flow order. */
  get flows(): readonly FlowIndex[] {
    this.flowIndexes ??= [...this.app.flows.values()].map((flow: FlowIR) => new FlowIndex(flow, this.app.steps));
    return this.flowIndexes;
  }

  /** Every `call` step of the app, in flow and step order. */
  get callEdges(): readonly CallEdge[] {
    if (!this.edges) {
      const edges: CallEdge[] = [];
      for (const index of this.flows) {
        for (const { step } of index.visits) {
          const to = calledFlowOf(step, this.app.steps);
          if (to !== undefined) edges.push({ from: index.flow.id, to, source: step.source });
        }
      }
      this.edges = edges;
    }
    return this.edges;
  }

  /** Every flow variable some step of the app writes, in flow and step order. */
  get writtenVars(): ReadonlySet<string> {
    if (!this.vars) {
      const names = new Set<string>();
      for (const index of this.flows) {
        for (const { step } of index.visits) for (const n of this.app.steps.get(step.type)?.writesVars?.(step.params) ?? []) names.add(n);
      }
      this.vars = names;
    }
    return this.vars;
  }

  /** Every step list of every flow (top-level and nested), in walk order. */
  get stepLists(): ReadonlySet<readonly StepIR[]> {
    if (!this.lists) {
      const lists = new Set<readonly StepIR[]>();
      for (const index of this.flows) for (const { list } of index.visits) lists.add(list);
      this.lists = lists;
    }
    return this.lists;
  }

  /** The routes that can never win, with the earlier route that takes their calls. */
  get routeCovers(): readonly Cover[] {
    this.covers ??= coveredRoutes(this.app.routes);
    return this.covers;
  }

  /** Ids of the flows a user wrote (synthetic `@...` flows left out), for did-you-mean hints. */
  get userFlowIds(): readonly string[] {
    this.userIds ??= [...this.app.flows.keys()].filter((id) => !id.startsWith('@'));
    return this.userIds;
  }
}

const facts = new WeakMap<AppModel, AppFacts>();

/** The shared facts of an app (one instance per model). */
export function appFacts(app: AppModel): AppFacts {
  let f = facts.get(app);
  if (!f) {
    f = new AppFacts(app);
    facts.set(app, f);
  }
  return f;
}
