import { diagnostic } from '../diagnostics/diagnostic';
import { formatOfFile } from './format-of';
import { parseJsonSource } from './parse-json';
import { parseYamlSource } from './parse-yaml';
import type { ParseResult, SourceFormat } from './source-document';

type TomlParser = typeof import('./parse-toml');
let tomlParser: TomlParser | undefined;

// The TOML reader (smol-toml and the position scanner) is loaded for the first TOML file only.
function toml(): TomlParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tomlParser ??= require('./parse-toml') as TomlParser;
  return tomlParser;
}

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
      return toml().parseTomlSource(file, text);
    default:
      return { diagnostics: [diagnostic({ code: 'FILE_READ_ERROR', message: `${file}: not a .yaml, .yml, .toml or .json file`, file, path: [] })] };
  }
}
