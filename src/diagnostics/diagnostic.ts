import type { JsonPath } from '../core/json-path';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes';

export type Severity = 'error' | 'warning' | 'info';

/** A second place that takes part in a problem (the other half of a duplicate, say). */
export interface RelatedLocation {
  message: string;
  file?: string;
  path: JsonPath;
  line?: number;
  column?: number;
}

/**
 * A problem found in config or flow files. Stages collect these as values;
 * only the CLI turns them into an exit status.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
  file?: string;
  path: JsonPath;
  /** 1-based line, when the parser knows it. */
  line?: number;
  /** 1-based column, when the parser knows it. */
  column?: number;
  related?: RelatedLocation[];
}

/** Fields a stage fills in; severity and hint default from the code registry. */
export type DiagnosticInit = Omit<Diagnostic, 'severity' | 'hint'> & { severity?: Severity; hint?: string };

/** Builds a diagnostic, taking severity and hint from the registry unless given. */
export function diagnostic(init: DiagnosticInit): Diagnostic {
  const entry = DIAGNOSTIC_CODES[init.code];
  return { ...init, severity: init.severity ?? entry.severity, hint: init.hint ?? entry.hint };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, line, column, then code, for stable output. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
