import type { TargetIR } from '../ir/types';
import type { CandidateReport, RouteExplanation } from './explain';
import type { CallFacts } from './facts';

/** Output formats of `voxtra route`. */
export type ExplainFormat = 'text' | 'json';

/** Renders an explanation for people (`text`) or tools (`json`, stable field names). */
export function formatExplanation(explanation: RouteExplanation, format: ExplainFormat = 'text'): string {
  return format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatText(explanation);
}

const STATUS: Readonly<Record<CandidateReport['status'], string>> = {
  won: 'MATCH',
  no_match: 'no match',
  when_false: 'when false',
  not_reached: 'not reached',
  would_ask: 'http',
};

function formatText(e: RouteExplanation): string {
  const lines: string[] = [];
  const s = e.index;
  lines.push(`app ${e.app} (version ${e.version}): ${s.routes} static routes (${s.exact} exact, ${s.prefix} prefix, ${s.suffix} suffix, ${s.length} by length, ${s.scanned} scanned)`);
  lines.push(`call: ${describeFacts(e.input)}`);
  lines.push('');
  lines.push(`static routes considered: ${e.routes.length} of ${s.routes}${e.routes.length === 0 ? ' (the index ruled every route out)' : ''}`);
  for (const r of e.routes) lines.push(...candidateLines(r));
  if (e.dispatch.length > 0) {
    lines.push('');
    lines.push('dispatch rules:');
    for (const r of e.dispatch) lines.push(...candidateLines(r));
  }
  lines.push('');
  lines.push(`decision: ${describeDecision(e.decision)}`);
  if (e.httpFirst.length > 0) {
    const asked = e.httpFirst.map((h) => `${h.name} (${h.url})`).join(', ');
    lines.push(`  unless an HTTP router takes the call first: ${asked}`);
  }
  if (e.facts.extension !== e.input.extension) lines.push(`rewrite: extension ${q(e.input.extension)} → ${q(e.facts.extension)}`);
  if (e.facts.number !== e.input.number) lines.push(`rewrite: number ${q(e.input.number)} → ${q(e.facts.number)}`);
  lines.push(`metadata: ${JSON.stringify(e.metadata)}`);
  return `${lines.join('\n')}\n`;
}

function candidateLines(r: CandidateReport): string[] {
  const where = r.source.line !== undefined ? `${r.source.file}:${r.source.line}:${r.source.column ?? 1}` : r.source.file;
  const head =
    r.kind === 'http'
      ? `  [${STATUS[r.status]}] ${r.name}: would ask ${r.url} (not called by explain)  ${where}`
      : `  [${STATUS[r.status]}] ${r.name}${r.priority !== undefined ? ` priority ${r.priority}` : ''}${r.target ? ` → ${describeTarget(r.target)}` : ''}  ${where}`;
  const out = [head];
  if (r.indexedBy) out.push(`      indexed by ${r.indexedBy}`);
  for (const c of r.clauses) {
    const value = c.value === null ? 'not set' : Array.isArray(c.value) ? JSON.stringify(c.value) : q(c.value as string);
    out.push(`      ${c.matched ? '✓' : '✗'} ${c.field} ${c.matcher} (call has ${value})`);
  }
  if (r.when) out.push(`      ${r.when === 'false' ? '✗' : '✓'} when ${r.when === 'assumed' ? 'not evaluated (assumed true)' : r.when}`);
  return out;
}

function describeDecision(d: RouteExplanation['decision']): string {
  switch (d.kind) {
    case 'route':
      return `route ${q(d.name)} → ${describeTarget(d.target)}`;
    case 'dispatch':
      return `dispatch rule ${q(d.name)} → ${describeTarget(d.target)}`;
    case 'default':
      return `default → ${describeTarget(d.target)}`;
    case 'none':
      return 'nothing matches: the call is hung up (and a warning logged)';
  }
}

function describeTarget(t: TargetIR): string {
  return t.kind === 'flow' ? `flow ${t.flow}` : `reject (${t.cause})`;
}

function describeFacts(f: CallFacts): string {
  const parts = [`extension ${q(f.extension)}`, `number ${q(f.number)}`];
  if (f.callerName) parts.push(`caller name ${q(f.callerName)}`);
  if (f.args.length > 0) parts.push(`args ${JSON.stringify(f.args)}`);
  for (const [k, v] of Object.entries(f.headers)) if (v !== undefined) parts.push(`header ${k}=${q(v)}`);
  for (const [k, v] of Object.entries(f.vars)) if (v !== undefined) parts.push(`var ${k}=${q(v)}`);
  return parts.join(', ');
}

function q(s: string): string {
  return JSON.stringify(s);
}
