import { formatJsonPath } from '../core/json-path';
import type { Diagnostic, Severity } from './diagnostic';

/** Output styling for pretty diagnostics. */
export interface PrettyOptions {
  /** ANSI colours (only for terminals). */
  readonly color?: boolean;
}

const COLORS: Record<Severity | 'dim' | 'bold', string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m' };

function place(file: string | undefined, line: number | undefined, column: number | undefined): string {
  if (file === undefined) return 'voxtra';
  if (line === undefined) return file;
  return `${file}:${line}:${column ?? 1}`;
}

/**
 * `--format pretty`: `file:line:column  severity  CODE  message`, then the
 * JSON path and the hint, then any related places.
 */
export function formatPretty(diags: readonly Diagnostic[], opts: PrettyOptions = {}): string {
  const paint = (style: keyof typeof COLORS, text: string): string => (opts.color ? `${COLORS[style]}${text}\x1b[0m` : text);
  return diags
    .map((d) => {
      const lines = [`${place(d.file, d.line, d.column)}  ${paint(d.severity, d.severity)}  ${paint('bold', d.code)}  ${d.message}`];
      const where = d.path.length > 0 ? `at ${formatJsonPath(d.path)}` : '';
      const detail = [where, d.hint ?? ''].filter(Boolean).join(' — ');
      if (detail) lines.push(paint('dim', `    ${detail}`));
      for (const r of d.related ?? []) lines.push(paint('dim', `    ${place(r.file, r.line, r.column)}  ${r.message}`));
      return `${lines.join('\n')}\n`;
    })
    .join('');
}

/** `2 errors, 1 warning` (or `no problems`). */
export function countSummary(diags: readonly Diagnostic[]): string {
  const count = (s: Severity): number => diags.filter((d) => d.severity === s).length;
  const parts: string[] = [];
  const e = count('error');
  const w = count('warning');
  const i = count('info');
  if (e) parts.push(`${e} error${e === 1 ? '' : 's'}`);
  if (w) parts.push(`${w} warning${w === 1 ? '' : 's'}`);
  if (i) parts.push(`${i} note${i === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no problems';
}
