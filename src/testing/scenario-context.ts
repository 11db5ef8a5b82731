import type { JsonPath } from '../core/json-path';
import type { DiagnosticCode } from '../diagnostics/codes';
import { diagnostic, type Diagnostic, type RelatedLocation } from '../diagnostics/diagnostic';
import type { SourceRef } from '../ir/types';
import type { SourceDocument } from '../parse/source-document';

/** Positions and problem reporting while one scenario file is read. */
export class ScenarioContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly doc: SourceDocument) {}

  get file(): string {
    return this.doc.file;
  }

  /** Where `path` is written. */
  at(path: JsonPath, key = false): SourceRef {
    const pos = this.doc.locate(path, { key });
    return { file: this.doc.file, path, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  }

  report(code: DiagnosticCode, message: string, path: JsonPath, opts: { key?: boolean; hint?: string; related?: RelatedLocation[] } = {}): void {
    const where = this.at(path, opts.key);
    this.diagnostics.push(
      diagnostic({
        code,
        message,
        file: this.doc.file,
        path,
        line: where.line,
        column: where.column,
        ...(opts.hint ? { hint: opts.hint } : {}),
        ...(opts.related ? { related: opts.related } : {}),
      }),
    );
  }
}
