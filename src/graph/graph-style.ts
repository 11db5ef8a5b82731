import type { GraphEdgeKind, GraphNodeKind } from './graph-model';

/** Fill and border colours per node kind, shared by the DOT and Mermaid renderers. */
export const NODE_COLORS: Readonly<Record<GraphNodeKind, { readonly fill: string; readonly stroke: string }>> = {
  route: { fill: '#e8eefc', stroke: '#5b7bd5' },
  rule: { fill: '#e8eefc', stroke: '#5b7bd5' },
  default: { fill: '#e8eefc', stroke: '#5b7bd5' },
  flow: { fill: '#dfe6ee', stroke: '#50647a' },
  step: { fill: '#ffffff', stroke: '#8a8a8a' },
  menu: { fill: '#fff3cd', stroke: '#c9a227' },
  decision: { fill: '#fff3cd', stroke: '#c9a227' },
  call: { fill: '#e6f4ea', stroke: '#3c8d55' },
  label: { fill: '#f2f2f2', stroke: '#b0b0b0' },
  goto: { fill: '#f2f2f2', stroke: '#b0b0b0' },
  terminal: { fill: '#fde2e1', stroke: '#c0504d' },
  return: { fill: '#e6f4ea', stroke: '#3c8d55' },
  end: { fill: '#f2f2f2', stroke: '#8a8a8a' },
};

/** Edges that point backwards are dashed and do not pull the layout. */
export function isBackEdge(kind: GraphEdgeKind): boolean {
  return kind === 'retry' || kind === 'back';
}
