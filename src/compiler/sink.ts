import type { JsonPath } from '../core/json-path';
import type { DiagnosticCode } from '../diagnostics/codes';
import { diagnostic, type Diagnostic, type RelatedLocation, type Severity } from '../diagnostics/diagnostic';
import type { SourceRef, StringMatcher } from '../ir/types';
import type { SourceDocument } from '../parse/source-document';
import { Unknowns } from './unknowns';

/** A string in a flow file that holds template markup (or is a condition expression). */
export interface TemplateUse {
  readonly text: string;
  readonly kind: 'template' | 'condition';
  readonly source: SourceRef;
  /** The flow the string belongs to; undefined for route-level conditions. */
  readonly flowId?: string;
}

/** A matcher (or rewrite regex) as written, for the regex and pattern checks. */
export interface MatcherUse {
  readonly matcher: StringMatcher;
  readonly source: SourceRef;
}

/** A calendar named by a condition or a match map. */
export interface CalendarUse {
  readonly name: string;
  readonly source: SourceRef;
}

/** What a report names: a code, a message and where (relative to nothing: a full path in the document). */
export interface ReportInit {
  code: DiagnosticCode;
  message: string;
  path: JsonPath;
  atKey?: boolean;
  severity?: Severity;
  hint?: string;
  related?: RelatedLocation[];
}

/**
 * Collects what normalising one document finds: diagnostics with positions,
 * and the templates, matchers and calendars the semantic rules check later.
 * It also knows where the file's schema found problems, so the normalisers
 * leave those values out, and records what was left out in `unknowns`.
 */
export class CompileSink {
  readonly diagnostics: Diagnostic[] = [];
  readonly templates: TemplateUse[] = [];
  readonly matchers: MatcherUse[] = [];
  readonly calendars: CalendarUse[] = [];
  /** Errors reported so far (normalisers compare counts to tell whether a part read cleanly). */
  errors = 0;
  // Every prefix of every path the file's schema flagged, joined; undefined while there is none.
  private flaggedPaths?: Set<string>;

  constructor(
    readonly doc: SourceDocument,
    readonly unknowns: Unknowns = new Unknowns(),
  ) {}

  source(path: JsonPath, atKey = false): SourceRef {
    const pos = this.doc.locate(path, { key: atKey });
    return { file: this.doc.file, path: [...path], ...(pos ? { line: pos.line, column: pos.column } : {}) };
  }

  report(init: ReportInit): void {
    const { atKey, path, ...rest } = init;
    const src = this.source(path, atKey);
    const d = diagnostic({ ...rest, file: src.file, path: src.path, line: src.line, column: src.column });
    this.diagnostics.push(d);
    if (d.severity === 'error') this.errors++;
  }

  /** Marks a path where the file's schema found a problem. */
  flag(path: JsonPath): void {
    this.flaggedPaths ??= new Set();
    for (let i = 0; i <= path.length; i++) this.flaggedPaths.add(path.slice(0, i).join('\u0000'));
  }

  /** True when the file's schema found a problem at `path` (+ `key`) or inside it. */
  flagged(path: JsonPath, ...keys: (string | number)[]): boolean {
    if (this.flaggedPaths === undefined) return false;
    return this.flaggedPaths.has(keys.length === 0 ? path.join('\u0000') : [...path, ...keys].join('\u0000'));
  }

  template(text: string, kind: TemplateUse['kind'], path: JsonPath, flowId?: string): void {
    this.templates.push({ text, kind, source: this.source(path), ...(flowId !== undefined ? { flowId } : {}) });
  }

  matcher(matcher: StringMatcher, path: JsonPath): void {
    this.matchers.push({ matcher, source: this.source(path) });
  }

  calendar(name: string, path: JsonPath): void {
    this.calendars.push({ name, source: this.source(path) });
  }
}
