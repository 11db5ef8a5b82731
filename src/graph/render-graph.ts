import type { CallFlowGraph } from './graph-model';
import { renderDot } from './render-dot';
import { renderMermaid } from './render-mermaid';
import { renderSvg } from './render-svg';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The graph in one of the output formats. */
export async function renderGraph(graph: CallFlowGraph, format: GraphFormat): Promise<string> {
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph);
    case 'dot':
      return renderDot(graph);
    case 'svg':
      return renderSvg(graph);
  }
}
