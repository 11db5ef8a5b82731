/** The public surface of src/parse/: what other folders may import. */
export { formatOfFile } from './format-of';
export { contains, nodeRanges, type NodeRanges, type Span } from './node-ranges';
export { parseSource } from './parse-source';
export { parseWithRanges, type ParsedWithRanges } from './parse-with-ranges';
export type { ParseResult, SourceDocument, SourceFormat } from './source-document';
