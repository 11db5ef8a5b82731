import type { DiagnosticCode } from '../diagnostics/codes';

/** One schema violation, relative to the validated value. */
export interface SchemaProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly path: (string | number)[];
  /** Point at the key rather than the value (unknown keys). */
  readonly atKey?: boolean;
  readonly hint?: string;
}
