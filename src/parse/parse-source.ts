import { diagnostic } from '../diagnostics/diagnostic';
import { formatOfFile } from './format-of';
import { parseJsonSource } from './parse-json';
import { parseTomlSource } from './parse-toml';
import { parseYamlSource } from './parse-yaml';
import type { ParseResult, SourceFormat } from './source-document';

/**
 * Parses a config or flow file into a {@link SourceDocument}. The format comes
 * from the file extension unless given. Never throws for bad input.
 */
export function parseSource(file: string, text: string, format?: SourceFormat): ParseResult {
  const fmt = format ?? formatOfFile(file);
  switch (fmt) {
    case 'yaml':
      return parseYamlSource(file, text);
    case 'json':
      return parseJsonSource(file, text);
    case 'toml':
      return parseTomlSource(file, text);
    default:
      return { diagnostics: [diagnostic({ code: 'FILE_READ_ERROR', message: `${file}: not a .yaml, .yml, .toml or .json file`, file, path: [] })] };
  }
}
