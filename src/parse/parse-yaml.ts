import type { DiagnosticCode } from '../diagnostics/codes';
import { plainYamlLocator } from './plain-yaml-locator';
import { readPlainYaml } from './plain-yaml';
import type { ParseResult, SourceFormat } from './source-document';

type DocumentParser = typeof import('./yaml-document');
let documentParser: DocumentParser | undefined;

// The YAML package (80 ms to load) is needed only for files the fast reader leaves to it.
function yamlDocument(): DocumentParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  documentParser ??= require('./yaml-document') as DocumentParser;
  return documentParser;
}

/**
 * Parses YAML (and, for positions, JSON) with node positions. Plain files
 * (most flow files) are read by `readPlainYaml`, which gives what the YAML
 * package would; everything else goes to the package (`parseYamlDocument`):
 * parser errors become `syntaxCode` diagnostics (duplicate keys become
 * DUPLICATE_KEY), and the document is returned only when the text parsed
 * without errors.
 */
export function parseYamlSource(file: string, text: string, format: SourceFormat = 'yaml', syntaxCode: DiagnosticCode = 'YAML_SYNTAX'): ParseResult {
  const plain = readPlainYaml(text);
  if (plain) return { document: { file, format, value: plain.value, locate: plainYamlLocator(plain.root, text) }, diagnostics: [] };
  return yamlDocument().parseYamlDocument(file, text, format, syntaxCode);
}
