/**
 * A structural check of the Mermaid flowchart subset `renderMermaid` writes
 * (no Mermaid parser is installed): every line must be one known statement,
 * subgraphs must close, edges may only name declared nodes, and quoted
 * labels may not contain a raw quote. Returns the problems found.
 */
export function checkMermaid(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const declared = new Set<string>();
  const classes = new Set<string>();
  let depth = 0;
  let i = 0;
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    if (close < 0) return ['front matter is not closed'];
    for (const l of lines.slice(1, close)) if (!/^title: ".*"$/.test(l)) problems.push(`front matter: ${l}`);
    i = close + 1;
  }
  if (lines[i] !== 'flowchart LR') problems.push(`expected "flowchart LR", got ${lines[i]}`);
  const label = '"[^"]*"';
  const shapes = [`\\(\\[${label}\\]\\)`, `\\(${label}\\)`, `\\{\\{${label}\\}\\}`, `\\[\\[${label}\\]\\]`, `\\[${label}\\]`, `\\[/${label}\\\\\\]`, `\\(\\(${label}\\)\\)`, `>${label}\\]`];
  const node = new RegExp(`^(n\\d+)(?:${shapes.join('|')})$`);
  const edge = new RegExp(`^(n\\d+) (?:-->|-\\.->)(?:\\|${label}\\|)? (n\\d+)$`);
  const edges: [string, string][] = [];
  for (const raw of lines.slice(i + 1)) {
    const l = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^subgraph (c\\d+)\\[${label}\\]$`).exec(l))) depth++;
    else if (l === 'end') depth--;
    else if ((m = node.exec(l))) {
      if (declared.has(m[1])) problems.push(`node ${m[1]} declared twice`);
      declared.add(m[1]);
    } else if ((m = edge.exec(l))) edges.push([m[1], m[2]]);
    else if ((m = /^classDef (k_[a-z]+) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6}$/.exec(l))) classes.add(m[1]);
    else if ((m = /^class (n\d+(?:,n\d+)*) (k_[a-z]+)$/.exec(l))) {
      if (!classes.has(m[2])) problems.push(`class ${m[2]} used before classDef`);
      for (const id of m[1].split(',')) if (!declared.has(id)) problems.push(`class names undeclared node ${id}`);
    } else problems.push(`unknown statement: ${l}`);
    if (depth < 0) problems.push('"end" without subgraph');
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  for (const [a, b] of edges) for (const id of [a, b]) if (!declared.has(id)) problems.push(`edge names undeclared node ${id}`);
  return problems;
}
