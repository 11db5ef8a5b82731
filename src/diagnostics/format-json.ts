import { formatJsonPath } from '../core/json-path';
import type { Diagnostic } from './diagnostic';

/** A diagnostic as `--format json` prints it: the path formatted, absent fields left out. */
export interface DiagnosticJson {
  code: string;
  severity: string;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  path: string;
  related?: { message: string; file?: string; line?: number; column?: number; path: string }[];
}

/** Converts a diagnostic to its JSON output form. */
export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    path: formatJsonPath(d.path),
    ...(d.related?.length
      ? {
          related: d.related.map((r) => ({
            message: r.message,
            ...(r.file !== undefined ? { file: r.file } : {}),
            ...(r.line !== undefined ? { line: r.line } : {}),
            ...(r.column !== undefined ? { column: r.column } : {}),
            path: formatJsonPath(r.path),
          })),
        }
      : {}),
  };
}

/** `--format json`: one JSON array of every diagnostic. */
export function formatJson(diags: readonly Diagnostic[]): string {
  return `${JSON.stringify(diags.map(diagnosticToJson), null, 2)}\n`;
}
