import type { SourceRef } from '../ir/types';
import type { DiffLine } from './list-diff';
import { formatOffset } from '../core/duration';
import type { CoverageReport, MissedStep } from './coverage';
import type { ScenarioResult, TestReport } from './run-tests';

export interface PrettyReportOptions {
  readonly color?: boolean;
  /** Also print what Voxtra did (events) for failed scenarios, and transcripts of passed ones. */
  readonly verbose?: boolean;
  /** Print the coverage summary (default true). */
  readonly coverage?: boolean;
}

type Style = 'red' | 'green' | 'yellow' | 'dim' | 'bold';
const CODES: Record<Style, string> = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m' };

function place(s: { file: string; line?: number; column?: number }): string {
  return s.line === undefined ? s.file : `${s.file}:${s.line}:${s.column ?? 1}`;
}

/**
 * The human report: one line per scenario; for a failure, each mismatch
 * with where the expectation is written and a diff of expected (`-`)
 * against actual (`+`), then what the caller did and heard; the coverage
 * summary; and a count.
 */
export function formatPrettyReport(report: TestReport, opts: PrettyReportOptions = {}): string {
  const paint = (style: Style, text: string): string => (opts.color ? `${CODES[style]}${text}\x1b[0m` : text);
  const out: string[] = [];
  for (const file of report.files) {
    out.push(paint('bold', file.file));
    for (const r of file.results) out.push(...scenarioLines(r, paint, opts.verbose === true));
    out.push('');
  }
  if (opts.coverage !== false) out.push(...coverageLines(report.coverage, paint), '');
  const s = report.summary;
  const parts = [paint(s.failed ? 'red' : 'green', `${s.passed} passed`), ...(s.failed ? [paint('red', `${s.failed} failed`)] : []), ...(s.skipped ? [paint('yellow', `${s.skipped} skipped`)] : [])];
  out.push(`${s.total} scenario${s.total === 1 ? '' : 's'}: ${parts.join(', ')} (${(s.wallMs / 1000).toFixed(2)} s)`);
  return `${out.join('\n')}\n`;
}

/** One scenario's lines (used by the progress output too). */
export function scenarioLines(r: ScenarioResult, paint: (s: Style, t: string) => string, verbose: boolean): string[] {
  const name = r.scenario.name;
  if (r.status === 'skipped') return [`  ${paint('yellow', '-')} ${name} ${paint('dim', `(skipped${r.scenario.skip && r.scenario.skip !== 'skipped' ? `: ${r.scenario.skip}` : ''})`)}`];
  const time = paint('dim', `(${r.wallMs} ms)`);
  if (r.status === 'passed') {
    const lines = [`  ${paint('green', '✓')} ${name} ${time}`];
    if (verbose && r.call) lines.push(...section('transcript', r.call.transcript.map((l) => `${formatOffset(l.atMs ?? 0)}  ${l.text}`), paint));
    return lines;
  }
  const lines = [`  ${paint('red', '✗')} ${name} ${time}  ${paint('dim', place(r.scenario.source))}`];
  for (const f of r.failures) {
    lines.push(`      ${f.source ? `${paint('dim', place(f.source as SourceRef))}  ` : ''}${paint('red', f.what)}: ${f.message}`);
    if (f.diff) lines.push(...diffLines(f.diff, paint));
  }
  const call = r.call;
  if (!call) return lines;
  if (call.caller.length > 0) lines.push(`      ${paint('dim', 'caller:')} ${call.caller.map((a) => `${a.what} at ${(a.atMs / 1000).toFixed(2)}s${a.failed ? ' (failed)' : ''}`).join(', ')}`);
  if (!r.failures.some((f) => f.what === 'transcript')) lines.push(...section('transcript', call.transcript.map((l) => `${formatOffset(l.atMs ?? 0)}  ${l.text}`), paint));
  if (verbose && !r.failures.some((f) => f.what === 'events')) lines.push(...section('events', call.events.map((l) => `${formatOffset(l.atMs ?? 0)}  ${l.text}`), paint));
  const problems = call.logs.filter((l) => l.level === 'warn' || l.level === 'error');
  if (problems.length > 0 && !r.failures.some((f) => f.what === 'logs')) lines.push(...section('warnings', problems.map((l) => `${l.level}: ${l.text}`), paint));
  return lines;
}

function section(title: string, body: readonly string[], paint: (s: Style, t: string) => string): string[] {
  return [`      ${paint('dim', `${title}:`)}`, ...body.map((l) => paint('dim', `        ${l}`))];
}

function diffLines(diff: readonly DiffLine[], paint: (s: Style, t: string) => string): string[] {
  return diff.map((d) => {
    if (d.sign === '-') return paint('red', `        - ${d.text}`);
    if (d.sign === '+') return paint('green', `        + ${d.text}`);
    return paint('dim', `          ${d.text}`);
  });
}

function coverageLines(c: CoverageReport, paint: (s: Style, t: string) => string): string[] {
  const pct = (n: number, d: number): string => (d === 0 ? '100%' : `${Math.floor((n * 100) / d)}%`);
  const out = [paint('bold', `Coverage: ${c.steps.reached}/${c.steps.total} steps (${pct(c.steps.reached, c.steps.total)}), ${c.options.chosen}/${c.options.total} menu options (${pct(c.options.chosen, c.options.total)})`)];
  const multi = new Set(c.flows.map((f) => f.app)).size > 1;
  for (const f of c.flows) {
    const options = f.options.total > 0 ? `, ${f.options.chosen}/${f.options.total} options` : '';
    const full = f.missedSteps.length === 0 && f.missedOptions.length === 0;
    out.push(`  ${full ? paint('green', '✓') : paint('yellow', '•')} ${multi ? `${f.app}/` : ''}${f.flowId} ${paint('dim', `(${f.file})`)}: ${f.steps.reached}/${f.steps.total} steps${options}`);
    for (const m of f.missedSteps) out.push(`      not reached: ${m.type} ${m.stepId}  ${paint('dim', where(m))}`);
    for (const m of f.missedOptions) out.push(`      never chosen: option "${m.key}" of ${m.stepId}  ${paint('dim', where(m))}`);
  }
  return out;
}

function where(m: MissedStep): string {
  return m.line === undefined ? m.file : `${m.file}:${m.line}:${m.column ?? 1}`;
}
