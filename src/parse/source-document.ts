import type { JsonPath } from '../core/json-path';
import type { Diagnostic } from '../diagnostics/diagnostic';

/** The syntaxes Voxtra reads config and flow files in. */
export type SourceFormat = 'yaml' | 'toml' | 'json';

/** A 1-based place in a file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Which part of a `key: value` entry to point at. */
export interface LocateOptions {
  /** Point at the key of the last path segment instead of its value (unknown or duplicate keys). */
  readonly key?: boolean;
}

/**
 * A parsed file: its plain value plus a lookup from a JSON path to the place
 * in the text it came from. Everything after parsing works on these.
 */
export interface SourceDocument {
  /** The file name as shown to users (relative to the working folder when possible). */
  readonly file: string;
  readonly format: SourceFormat;
  /** The parsed value (plain JSON-like data; `null` for an empty file). */
  readonly value: unknown;
  /**
   * Where `path` is in the text. Falls back to the nearest enclosing node that
   * exists; undefined only when the format cannot tell at all.
   */
  locate(path: JsonPath, options?: LocateOptions): SourcePosition | undefined;
}

/** The outcome of parsing one file: a document unless the syntax was too broken to use. */
export interface ParseResult {
  readonly document?: SourceDocument;
  readonly diagnostics: Diagnostic[];
}
