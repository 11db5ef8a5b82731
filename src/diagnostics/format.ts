import { sortDiagnostics, type Diagnostic } from './diagnostic';
import { formatGithub } from './format-github';
import { formatJson } from './format-json';
import { formatPretty, type PrettyOptions } from './format-pretty';

/** The output formats of `voxtra validate` (and any command that reports diagnostics). */
export const DIAGNOSTIC_FORMATS = ['pretty', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** Renders diagnostics (sorted by file and position) in one of the output formats. */
export function formatDiagnostics(diags: readonly Diagnostic[], format: DiagnosticFormat, opts: PrettyOptions = {}): string {
  const sorted = sortDiagnostics(diags);
  switch (format) {
    case 'json':
      return formatJson(sorted);
    case 'github':
      return formatGithub(sorted);
    case 'pretty':
      return formatPretty(sorted, opts);
  }
}
