import type { Viz } from '@viz-js/viz';
import type { CallFlowGraph } from './graph-model';
import { renderDot } from './render-dot';

let viz: Promise<Viz> | undefined;

/**
 * Graphviz compiled to WebAssembly: loaded once, no external process or
 * service. Required on first use: the CLI loads every command's modules,
 * and `voxtra run` should not carry a megabyte of Graphviz.
 */
function graphviz(): Promise<Viz> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  viz ??= (require('@viz-js/viz') as typeof import('@viz-js/viz')).instance();
  return viz;
}

/** Lays out DOT text with Graphviz (`dot`) and returns SVG; throws on a DOT error. */
export async function dotToSvg(dot: string): Promise<string> {
  const result = (await graphviz()).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`graphviz could not render the graph: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}

/** The graph as a standalone SVG image (laid out by Graphviz, offline). */
export function renderSvg(graph: CallFlowGraph): Promise<string> {
  return dotToSvg(renderDot(graph));
}
