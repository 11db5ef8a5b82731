import { formatOfFile } from './format-of';
import { indexRanges, type NodeRanges } from './node-ranges';
import { parseSource } from './parse-source';
import { parseYamlDocument } from './parse-yaml';
import type { ParseResult } from './source-document';
import { yamlDocumentRanges } from './yaml-ranges';

/** A parse result and, when the same parse can give them, the text's node ranges. */
export interface ParsedWithRanges {
  readonly result: ParseResult;
  /** Node ranges from the document the parse read (built on the first call); absent for other formats and broken texts. */
  readonly ranges?: () => NodeRanges;
}

/**
 * `parseSource`, for an editor that also needs the node ranges of the file
 * (to underline its diagnostics): a YAML text that parsed cleanly gives them
 * from the same YAML document, so a keystroke parses the changed file once.
 * Other texts leave the ranges to `nodeRanges`, which keeps going past errors.
 */
export function parseWithRanges(file: string, text: string): ParsedWithRanges {
  if (formatOfFile(file) !== 'yaml') return { result: parseSource(file, text) };
  const { result, doc } = parseYamlDocument(file, text);
  if (!result.document) return { result };
  let ranges: NodeRanges | undefined;
  return {
    result,
    ranges: () => {
      if (!ranges) {
        const read = yamlDocumentRanges(doc, text);
        ranges = indexRanges('yaml', read.value, read.clean, read.entries);
      }
      return ranges;
    },
  };
}
