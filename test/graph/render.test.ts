import { instance } from '@viz-js/viz';
import { buildGraph, renderDot, renderMermaid, renderSvg } from '../../src/graph';
import type { CallFlowGraph } from '../../src/graph';
import { BIG_MENU, snapshotOf } from './compile-yaml';
import { checkMermaid } from './mermaid-check';

/** Renders DOT with Graphviz and fails on any error or warning. */
async function graphviz(dot: string): Promise<string> {
  const viz = await instance();
  const result = viz.render(dot, { format: 'svg' });
  if (result.status !== 'success') throw new Error(result.errors.map((e) => e.message).join('; '));
  expect(result.errors).toEqual([]);
  return result.output;
}

const TRICKY = `
default: main
flows:
  main:
    description: 'Quotes " and backslashes \\ and #hash; <b>bold</b> | pipes \`ticks\`'
    steps:
      - say: 'He said "press # or *" \\n <now> | {{ vars.x }}'
      - log: "#quot; is not a quote"
      - hangup
`;

describe('graph renderers', () => {
  const big = buildGraph(snapshotOf(BIG_MENU), { flow: 'main' });
  const tricky = buildGraph(snapshotOf(TRICKY));

  it('writes DOT that Graphviz renders without errors, one cluster per flow', async () => {
    for (const g of [big, tricky, buildGraph(snapshotOf(BIG_MENU))]) {
      const dot = renderDot(g);
      expect(dot.match(/subgraph cluster_/g)).toHaveLength(g.clusters.length);
      expect(await graphviz(dot)).toContain('<svg');
    }
  });

  it('escapes quotes and backslashes in DOT labels so the text survives layout', async () => {
    const svg = await graphviz(renderDot(tricky));
    // Graphviz writes the label back out as SVG text (XML-escaped).
    expect(svg).toContain('He said &quot;press # or *&quot;');
    expect(svg).toContain('>Quotes &quot; and backslashes \\</text>');
  });

  it('lays a 30-step menu out at a readable size: every option on its own row, all labels inside the picture', async () => {
    const svg = await renderSvg(big);
    const [, width, height] = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg) ?? [];
    // About a screen and a half wide and tall at 100%: no option squeezed, no 30-column fan.
    expect(Number(width)).toBeLessThan(2200);
    expect(Number(height)).toBeLessThan(1400);
    expect(Number(height)).toBeGreaterThan(600);
    for (const n of big.nodes) expect(svg).toContain(`<title>${n.id}</title>`);
    for (const q of ['sales', 'support', 'billing', 'returns', 'shipping', 'accounts', 'technical', 'partners', 'careers', 'press']) {
      expect(svg).toContain(`>queue ${q}</text>`);
    }
    // Option branches are drawn top to bottom in keypad order: 1 ... 9, 0, *.
    const rowY = (text: string): number => {
      const at = svg.indexOf(`>${text}</text>`);
      const y = /y="(-?[\d.]+)"[^>]*>[^<]*$/.exec(svg.slice(Math.max(0, at - 300), at + 1));
      return Number(y?.[1]);
    };
    const ys = ['sales', 'support', 'billing', 'returns', 'shipping', 'accounts', 'technical', 'partners', 'careers', 'press'].map((q) => rowY(`queue ${q}`));
    expect(ys.every((y) => Number.isFinite(y))).toBe(true);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('writes a structurally valid Mermaid flowchart with escaped labels', () => {
    for (const g of [big, tricky, buildGraph(snapshotOf(BIG_MENU))]) {
      const text = renderMermaid(g);
      expect(checkMermaid(text)).toEqual([]);
      expect(text.match(/^ {2}subgraph /gm)).toHaveLength(g.clusters.length);
      expect(text.match(/ (?:-->|-\.->)/g)).toHaveLength(g.edges.length);
    }
    const text = renderMermaid(tricky);
    expect(text).toContain('n2("say #quot;He said #quot;press #35; or *#quot;<br/>\\n #lt;now#gt; #124; {{vars.x}}#quot;")');
    expect(text).toContain('log #quot;#35;quot; is not a quote#quot;');
  });

  it('draws back edges dashed and out of the ranking, sub-flow calls dotted', () => {
    const dot = renderDot(big);
    expect(dot).toMatch(/-> n\d+ \[label="retry", style=dashed, constraint=false/);
    expect(dot).toMatch(/-> n\d+ \[style=dashed, constraint=false/);
    expect(dot).toMatch(/-> n\d+ \[style=dotted/);
    const mermaid = renderMermaid(big);
    expect(mermaid).toMatch(/n\d+ -\.->\|"retry"\| n\d+/);
  });

  it('an empty graph still renders in every format', async () => {
    const empty: CallFlowGraph = { title: 'nothing', nodes: [], edges: [], clusters: [], rows: [] };
    expect(checkMermaid(renderMermaid(empty))).toEqual([]);
    expect(await graphviz(renderDot(empty))).toContain('<svg');
  });
});
