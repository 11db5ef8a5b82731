import type { CallFlowGraph, GraphEdge, GraphNode, GraphNodeKind } from './graph-model';
import { NODE_COLORS } from './graph-style';

/** Opening and closing brackets of each node shape (Mermaid flowchart syntax). */
const SHAPES: Readonly<Record<GraphNodeKind, readonly [string, string]>> = {
  route: ['>', ']'],
  rule: ['>', ']'],
  default: ['>', ']'],
  flow: ['([', '])'],
  step: ['(', ')'],
  menu: ['{{', '}}'],
  decision: ['{{', '}}'],
  call: ['[[', ']]'],
  label: ['[', ']'],
  goto: ['[', ']'],
  terminal: ['[/', '\\]'],
  return: ['[/', '\\]'],
  end: ['((', '))'],
};

/**
 * Text inside a quoted Mermaid label. Mermaid reads `#name;` as an entity,
 * so `#` goes first; quotes, angle brackets, pipes and backticks would end
 * or restyle the label.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;');
}

function nodeLine(n: GraphNode): string {
  const [open, close] = SHAPES[n.kind];
  return `${n.id}${open}"${n.lines.map(mermaidText).join('<br/>')}"${close}`;
}

function edgeLine(e: GraphEdge): string {
  const arrow = e.kind === 'retry' || e.kind === 'back' || e.kind === 'call' ? '-.->' : '-->';
  return `${e.from} ${arrow}${e.label !== undefined ? `|"${mermaidText(e.label)}"|` : ''} ${e.to}`;
}

/**
 * The graph as a Mermaid flowchart (left to right), ready for a Markdown
 * ```mermaid block: one subgraph per flow, back edges and sub-flow calls
 * dotted, node kinds coloured with class definitions.
 */
export function renderMermaid(graph: CallFlowGraph): string {
  const out: string[] = ['---', `title: ${JSON.stringify(graph.title)}`, '---', 'flowchart LR'];
  const clustered = new Set<string>();
  for (const c of graph.clusters) {
    out.push(`  subgraph ${c.id}["${mermaidText(c.title)}"]`);
    for (const n of graph.nodes) {
      if (n.cluster !== c.id) continue;
      clustered.add(n.id);
      out.push(`    ${nodeLine(n)}`);
    }
    out.push('  end');
  }
  for (const n of graph.nodes) if (!clustered.has(n.id)) out.push(`  ${nodeLine(n)}`);
  for (const e of graph.edges) out.push(`  ${edgeLine(e)}`);
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  for (const kind of kinds) {
    const c = NODE_COLORS[kind];
    out.push(`  classDef k_${kind} fill:${c.fill},stroke:${c.stroke}`);
    out.push(`  class ${graph.nodes.filter((n) => n.kind === kind).map((n) => n.id).join(',')} k_${kind}`);
  }
  return `${out.join('\n')}\n`;
}
