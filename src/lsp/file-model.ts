import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import { nodeRanges, type NodeRanges, type Span } from '../parse/node-ranges';
import { formatOfFile } from '../parse/format-of';
import type { SourceFormat } from '../parse/source-document';
import { fileSymbols, type FileRole, type FileSymbols } from './file-symbols';
import type { SchemaNavigator } from './schema-nav';
import type { StepTypes } from './vars-written';

/** The schemas and steps files are read with. */
export interface Language {
  readonly flow: SchemaNavigator;
  readonly config: SchemaNavigator;
  readonly steps: StepTypes;
}

/**
 * One config or flow file as the editor features see it: its text (the
 * unsaved buffer when it is open), its node ranges and its symbols, and
 * conversions between offsets and LSP positions.
 */
export class FileModel {
  readonly uri: string;
  readonly format: SourceFormat;
  readonly doc: TextDocument;
  private cachedRanges?: NodeRanges;
  private cachedSymbols?: FileSymbols;

  constructor(
    /** Absolute path. */
    readonly file: string,
    readonly text: string,
    readonly role: FileRole,
    readonly language: Language,
    /** The node ranges of this text when its parse already has them (see `parseWithRanges`). */
    private readonly rangesOf?: () => NodeRanges,
  ) {
    this.uri = pathToFileURL(file).href;
    this.format = formatOfFile(file) ?? 'yaml';
    this.doc = TextDocument.create(this.uri, this.format, 0, text);
  }

  get ranges(): NodeRanges {
    this.cachedRanges ??= this.rangesOf?.() ?? nodeRanges(this.text, this.format);
    return this.cachedRanges;
  }

  get symbols(): FileSymbols {
    this.cachedSymbols ??= fileSymbols(this.uri, this.role, this.ranges, this.navigator, this.language.steps);
    return this.cachedSymbols;
  }

  /** The schema of this kind of file. */
  get navigator(): SchemaNavigator {
    return this.role === 'config' ? this.language.config : this.language.flow;
  }

  offset(position: Position): number {
    return this.doc.offsetAt(position);
  }

  range(span: Span): Range {
    return { start: this.doc.positionAt(span.start), end: this.doc.positionAt(span.end) };
  }

  /** The LSP position of a 1-based line and column. */
  position(line: number, column: number): Position {
    return { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
  }
}

/** File models by path, rebuilt only when a file's text changes. */
export class FileModels {
  private readonly models = new Map<string, FileModel>();

  constructor(private readonly language: Language) {}

  get(file: string, text: string, role: FileRole, rangesOf?: () => NodeRanges): FileModel {
    const known = this.models.get(file);
    if (known && known.text === text && known.role === role) return known;
    const model = new FileModel(file, text, role, this.language, rangesOf);
    this.models.set(file, model);
    return model;
  }

  /** Drops models of files no project holds any more. */
  retain(files: ReadonlySet<string>): void {
    for (const f of this.models.keys()) if (!files.has(f)) this.models.delete(f);
  }
}
