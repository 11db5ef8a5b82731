import type { JsonPath } from '../core/json-path';
import type { SourceFormat } from './source-document';
import { tomlRanges } from './toml-ranges';
import { yamlRanges } from './yaml-ranges';

/** A stretch of text: character offsets, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What kind of value a node holds; `empty` is a key with nothing after it (`goto:`). */
export type NodeKind = 'map' | 'seq' | 'scalar' | 'empty';

/** One node of a document: where its key (for map entries) and its value are in the text. */
export interface NodeEntry {
  readonly path: JsonPath;
  readonly kind: NodeKind;
  /** The key as written, quotes included (map entries only). */
  readonly key?: Span;
  /** The key's text without quotes. */
  readonly keyText?: Span;
  /** The whole value (zero length for an empty one). */
  readonly value?: Span;
  /** A single-line scalar's text without its quotes: what a rename replaces. */
  readonly valueText?: Span;
}

/** Where the text at an offset belongs. */
export interface NodeHit {
  readonly entry: NodeEntry;
  readonly on: 'key' | 'value';
}

/**
 * Every node of a parsed file with its key and value spans, and the value the
 * text holds as far as it could be read (partial when the syntax is broken:
 * editors ask about files while they are being typed).
 */
export interface NodeRanges {
  readonly format: SourceFormat;
  /** The plain value; what could be read of a broken file, null when nothing could. */
  readonly value: unknown;
  /** True when the parser reported no syntax error. */
  readonly clean: boolean;
  /** Nodes in document order. */
  readonly entries: readonly NodeEntry[];
  /** The node at a path, if the text has it. */
  get(path: JsonPath): NodeEntry | undefined;
  /** The deepest node whose key or value holds the offset. */
  at(offset: number): NodeHit | undefined;
}

/** Reads a file's node ranges, for any format Voxtra reads. Never throws. */
export function nodeRanges(text: string, format: SourceFormat): NodeRanges {
  const read = format === 'toml' ? tomlRanges(text) : yamlRanges(text);
  return indexRanges(format, read.value, read.clean, read.entries);
}

/** Builds the lookups over a list of entries (shared by the format readers). */
export function indexRanges(format: SourceFormat, value: unknown, clean: boolean, entries: readonly NodeEntry[]): NodeRanges {
  const byPath = new Map<string, NodeEntry>();
  for (const e of entries) if (!byPath.has(pathKey(e.path))) byPath.set(pathKey(e.path), e);
  return {
    format,
    value,
    clean,
    entries,
    get: (path) => byPath.get(pathKey(path)),
    at(offset) {
      let best: NodeHit | undefined;
      for (const entry of entries) {
        const on = contains(entry.key, offset) ? 'key' : contains(entry.value, offset) ? 'value' : undefined;
        if (on && (!best || entry.path.length >= best.entry.path.length)) best = { entry, on };
      }
      return best;
    },
  };
}

/** True when the offset is inside the span or right after its last character (where a cursor sits after typing). */
export function contains(span: Span | undefined, offset: number): boolean {
  return span !== undefined && offset >= span.start && offset <= span.end && span.end > span.start;
}

/** A path as a map key. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}
