import { parseDocument, type Document, type YAMLError } from 'yaml';
import type { DiagnosticCode } from '../diagnostics/codes';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { LineIndex } from './line-index';
import type { ParseResult, SourceFormat } from './source-document';
import { yamlLocator, yamlNodeStarts } from './yaml-locator';

/**
 * Parses YAML (and, for positions, JSON) with the YAML package. Parser errors
 * become `syntaxCode` diagnostics (duplicate keys become DUPLICATE_KEY); the
 * document is returned only when the text parsed without errors. It keeps
 * the value and each node's start (`yamlNodeStarts`), not the YAML document.
 */
export function parseYamlSource(file: string, text: string, format: SourceFormat = 'yaml', syntaxCode: DiagnosticCode = 'YAML_SYNTAX'): ParseResult {
  return parseYamlDocument(file, text, format, syntaxCode).result;
}

/** {@link parseYamlSource}, with the YAML package's document it read (an editor takes its node ranges too). */
export function parseYamlDocument(file: string, text: string, format: SourceFormat = 'yaml', syntaxCode: DiagnosticCode = 'YAML_SYNTAX'): { result: ParseResult; doc: Document } {
  // Lines are counted only for a text with a problem: most files need no position at all.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  let lines: LineIndex | undefined;
  const toDiag = (e: YAMLError, severity: 'error' | 'warning'): Diagnostic => {
    const { line, column: col } = (lines ??= new LineIndex(text)).position(e.pos[0]);
    const code: DiagnosticCode = e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : syntaxCode;
    return diagnostic({ code, severity, message: firstLine(e.message), file, path: [], line, column: col });
  };
  // One mistake often trips several parser errors on the same line; the first one says it best.
  const seenLines = new Set<number>();
  const diagnostics = [...doc.errors.map((e) => toDiag(e, 'error')), ...doc.warnings.map((e) => toDiag(e, 'warning'))].filter((d) => {
    if (seenLines.has(d.line ?? 0)) return false;
    seenLines.add(d.line ?? 0);
    return true;
  });
  if (doc.errors.length > 0) return { result: { diagnostics }, doc };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // toJS refuses alias bombs and similar; report them like syntax errors.
    diagnostics.push(diagnostic({ code: syntaxCode, message: err instanceof Error ? err.message : String(err), file, path: [], line: 1, column: 1 }));
    return { result: { diagnostics }, doc };
  }
  return { result: { document: { file, format, value: value ?? null, locate: yamlLocator(yamlNodeStarts(doc), text) }, diagnostics }, doc };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
