/**
 * A call-flow graph: what `voxtra graph` draws. Renderers (DOT, Mermaid, SVG)
 * read only this, so every format shows the same nodes and edges.
 */

/** What a node stands for; renderers pick a shape and colour per kind. */
export type GraphNodeKind =
  /** A static route (match summary). */
  | 'route'
  /** A dispatch rule (match or HTTP router). */
  | 'rule'
  /** The app's default target. */
  | 'default'
  /** A flow's entry. */
  | 'flow'
  /** A step that runs and passes on to the next one. */
  | 'step'
  /** A menu: one edge per option, plus retry and exhausted edges. */
  | 'menu'
  /** An `if` or `switch`. */
  | 'decision'
  /** A sub-flow call (`call`). */
  | 'call'
  | 'label'
  | 'goto'
  /** The call leaves Voxtra: a queue, the dialplan, a hangup, a reject. */
  | 'terminal'
  /** A sub-flow returns (`return`). */
  | 'return'
  /** The flow's steps ran out. */
  | 'end';

/**
 * How an edge is drawn: `next` and `branch` are forward control flow,
 * `route` leads from a route to its flow, `call` to a sub-flow, and `retry`
 * (a menu asking again) and `back` (a goto) point backwards (dashed).
 */
export type GraphEdgeKind = 'next' | 'branch' | 'route' | 'call' | 'retry' | 'back';

export interface GraphNode {
  /** Stable within one graph (`n0`, `n1`, ...), safe as a DOT and Mermaid id. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** The label, already wrapped into short lines. */
  readonly lines: readonly string[];
  /** Id of the cluster (flow) the node is drawn in, if any. */
  readonly cluster?: string;
  /** The IR step id, for steps. */
  readonly stepId?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  readonly label?: string;
}

/** One flow, drawn as a box around its steps. */
export interface GraphCluster {
  readonly id: string;
  /** The flow id. */
  readonly flow: string;
  readonly title: string;
}

/** The first steps of a menu's or decision's branches, in order: drawn side by side in that order. */
export interface GraphRow {
  readonly cluster: string;
  readonly nodes: readonly string[];
}

/** A whole graph, in a deterministic order (same snapshot, same text). */
export interface CallFlowGraph {
  readonly title: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly clusters: readonly GraphCluster[];
  readonly rows: readonly GraphRow[];
}
