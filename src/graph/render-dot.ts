import type { CallFlowGraph, GraphEdge, GraphNode, GraphNodeKind } from './graph-model';
import { NODE_COLORS, isBackEdge } from './graph-style';

const SHAPES: Readonly<Record<GraphNodeKind, string>> = {
  route: 'box',
  rule: 'box',
  default: 'box',
  flow: 'box',
  step: 'box',
  menu: 'box',
  decision: 'hexagon',
  call: 'box',
  label: 'box',
  goto: 'box',
  terminal: 'box',
  return: 'box',
  end: 'ellipse',
};

const STYLES: Partial<Readonly<Record<GraphNodeKind, string>>> = {
  flow: 'rounded,filled,bold',
  menu: 'rounded,filled,bold',
  call: 'filled,bold',
  decision: 'filled',
  route: 'filled',
  rule: 'filled',
  default: 'filled',
  end: 'filled',
};

/** A DOT string literal: quotes and backslashes escaped, lines joined with centred breaks. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

function nodeLine(n: GraphNode): string {
  const c = NODE_COLORS[n.kind];
  const attrs = [
    `label=${dotString(n.lines.join('\n'))}`,
    `shape=${SHAPES[n.kind]}`,
    `style=${dotString(STYLES[n.kind] ?? 'rounded,filled')}`,
    `fillcolor=${dotString(c.fill)}`,
    `color=${dotString(c.stroke)}`,
  ];
  if (n.stepId !== undefined) attrs.push(`tooltip=${dotString(n.stepId)}`);
  return `${n.id} [${attrs.join(', ')}];`;
}

function edgeLine(e: GraphEdge): string {
  const attrs: string[] = [];
  if (e.label !== undefined) attrs.push(`label=${dotString(e.label)}`);
  if (isBackEdge(e.kind)) attrs.push('style=dashed', 'constraint=false', 'color="#9a9a9a"', 'fontcolor="#7a7a7a"');
  if (e.kind === 'call') attrs.push('style=dotted', 'color="#3c8d55"', 'penwidth=1.5');
  if (e.kind === 'route') attrs.push('color="#5b7bd5"');
  return `${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`;
}

/**
 * The graph in Graphviz DOT, left to right: one cluster per flow, routes on
 * the left, back edges dashed and left out of the ranking so long menus stay
 * compact. Renders with `dot` or `voxtra graph --format svg`.
 */
export function renderDot(graph: CallFlowGraph): string {
  const out: string[] = [
    'digraph voxtra {',
    `  graph [rankdir=LR, label=${dotString(graph.title)}, labelloc=t, fontname="Helvetica", fontsize=14, nodesep=0.2, ranksep=0.35, newrank=true];`,
    '  node [fontname="Helvetica", fontsize=10, margin="0.15,0.05", height=0.3];',
    '  edge [fontname="Helvetica", fontsize=9, color="#666666", arrowsize=0.7];',
  ];
  const clustered = new Set<string>();
  for (const c of graph.clusters) {
    out.push(`  subgraph cluster_${c.id} {`);
    out.push(`    label=${dotString(c.title)}; style="rounded,filled"; fillcolor="#fafafa"; color="#c8c8c8"; fontsize=12;`);
    for (const n of graph.nodes) {
      if (n.cluster !== c.id) continue;
      clustered.add(n.id);
      out.push(`    ${nodeLine(n)}`);
    }
    // Invisible edges within one rank fix the order of a menu's branches. dot orders a rank left to
    // right and then turns the drawing for rankdir=LR, so the chain runs backwards to put option 1 on top.
    for (const r of graph.rows) if (r.cluster === c.id) out.push(`    { rank=same; ${[...r.nodes].reverse().join(' -> ')} [style=invis]; }`);
    out.push('  }');
  }
  for (const n of graph.nodes) if (!clustered.has(n.id)) out.push(`  ${nodeLine(n)}`);
  for (const e of graph.edges) out.push(`  ${edgeLine(e)}`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
