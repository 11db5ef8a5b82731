import type { DiagnosticCode } from '../../diagnostics/codes';
import { diagnostic, type Diagnostic, type RelatedLocation, type Severity } from '../../diagnostics/diagnostic';
import type { SourceRef } from '../../ir/types';
import type { AppModel } from '../app-model';

/** One semantic check over a merged app. Rules are pure and independent; each reports its own code(s). */
export interface Rule {
  readonly name: string;
  check(app: AppModel): Diagnostic[];
}

/** A diagnostic at a piece of IR's source. */
export function at(
  code: DiagnosticCode,
  message: string,
  source: SourceRef | undefined,
  extra: { hint?: string; severity?: Severity; related?: RelatedLocation[] } = {},
): Diagnostic {
  return diagnostic({
    code,
    message,
    file: source?.file,
    path: source?.path ?? [],
    line: source?.line,
    column: source?.column,
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
    ...(extra.severity ? { severity: extra.severity } : {}),
    ...(extra.related ? { related: extra.related } : {}),
  });
}

/** A related location pointing at a source. */
export function relatedAt(message: string, source: SourceRef): RelatedLocation {
  return { message, file: source.file, path: source.path, line: source.line, column: source.column };
}

/** Where an app-wide problem is shown: the app's declaration, or its first file. */
export function appSource(app: AppModel): SourceRef | undefined {
  return app.source ?? (app.files[0] !== undefined ? { file: app.files[0], path: [], line: 1, column: 1 } : undefined);
}
