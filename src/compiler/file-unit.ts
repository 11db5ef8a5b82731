import type { DispatchRuleIR, FlowIR, RouteIR, SourceRef, TargetIR } from '../ir/types';
import type { CompileSink } from './sink';

/** A place that names a flow as a target (route, rule or default). */
export interface FlowRef {
  readonly flow: string;
  readonly from: 'route' | 'dispatch' | 'default';
  readonly source: SourceRef;
}

/** A route with whether its name was written (generated names never clash). */
export interface UnitRoute {
  readonly route: RouteIR;
  readonly named: boolean;
}

/** What one flow file contributes to its app, before merging. */
export interface FileUnit {
  readonly file: string;
  readonly routes: UnitRoute[];
  readonly dispatch: DispatchRuleIR[];
  readonly default?: { readonly target: TargetIR; readonly source: SourceRef };
  /** Flows declared under `flows:`, then synthetic flows made from inline steps. */
  readonly flows: FlowIR[];
  readonly flowRefs: FlowRef[];
  readonly sink: CompileSink;
}

/** Running counts across an app's files, so generated names follow definition order. */
export interface UnitCounters {
  routes: number;
  dispatch: number;
}
