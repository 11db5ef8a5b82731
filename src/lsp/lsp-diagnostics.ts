import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { JsonPath } from '../core/json-path';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic';
import type { Span } from '../parse/node-ranges';
import type { FileModel } from './file-model';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** How a compiler diagnostic's files are found and its code explained. */
export interface DiagnosticContext {
  /** The folder display paths are relative to. */
  readonly cwd: string;
  /** The model of a file of the project, by absolute path. */
  readonly model: (file: string) => FileModel | undefined;
  /** docs/diagnostics.md as a URL; codes link to their anchor there. */
  readonly docsUrl?: string;
}

/**
 * A compiler diagnostic as the editor shows it: the range of the key or
 * value it is about, the code (linked to its section of the docs), the hint
 * under the message, and the other places of the problem as related information.
 */
export function toLspDiagnostic(d: Diagnostic, model: FileModel | undefined, ctx: DiagnosticContext): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    if (r.file === undefined) continue;
    const file = path.resolve(ctx.cwd, r.file);
    const other = ctx.model(file);
    related.push({ location: { uri: other?.uri ?? pathToFileURL(file).href, range: diagnosticRange(other, r.path, r.line, r.column) }, message: r.message });
  }
  return {
    range: diagnosticRange(model, d.path, d.line, d.column),
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(ctx.docsUrl ? { codeDescription: { href: `${ctx.docsUrl}#${d.code.toLowerCase()}` } } : {}),
    source: 'voxtra',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data: { path: d.path },
  };
}

/**
 * The range a diagnostic underlines: the key or value its path names when
 * the compiler's position is that node's (a collection only on its first
 * line), the path's node in TOML (whose compiler positions stop at the key
 * holding an inline value), else the word at the position.
 */
export function diagnosticRange(model: FileModel | undefined, at: JsonPath, line: number | undefined, column: number | undefined): Range {
  if (line === undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const position = { line: Math.max(0, line - 1), character: Math.max(0, (column ?? 1) - 1) };
  if (!model) return { start: position, end: position };
  const offset = model.offset(position);
  const entry = at.length > 0 ? model.ranges.get(at) : undefined;
  const text = model.text;
  if (entry?.key && entry.key.start === offset) return model.range(entry.key);
  if (entry?.value && entry.value.start === offset && entry.value.end > entry.value.start) return model.range(firstLine(entry.value, text));
  if (entry && model.format === 'toml') {
    const span = entry.value && entry.value.end > entry.value.start ? entry.value : entry.key;
    if (span) return model.range(firstLine(span, text));
  }
  return model.range(wordAt(offset, text));
}

function firstLine(span: Span, text: string): Span {
  const nl = text.indexOf('\n', span.start);
  return { start: span.start, end: nl >= 0 && nl < span.end ? trimEnd(text, span.start, nl) : span.end };
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start + 1 && /\s/.test(text[e - 1])) e--;
  return e;
}

function wordAt(offset: number, text: string): Span {
  let end = offset;
  while (end < text.length && !/[\s,:\]}]/.test(text[end])) end++;
  return { start: offset, end: Math.max(end, Math.min(offset + 1, lineEnd(text, offset))) };
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}
