export type { CallFlowGraph, GraphCluster, GraphEdge, GraphEdgeKind, GraphNode, GraphNodeKind, GraphRow } from './graph-model';
export { buildGraph, calledFlows, type GraphOptions } from './build-graph';
export { renderDot } from './render-dot';
export { renderMermaid } from './render-mermaid';
export { dotToSvg, renderSvg } from './render-svg';
export { GRAPH_FORMATS, renderGraph, type GraphFormat } from './render-graph';
