import type { SourceFormat } from './source-document';

const EXTENSIONS: Record<string, SourceFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.toml': 'toml', '.json': 'json' };

/** The file extensions Voxtra reads, with their dot. */
export const SOURCE_EXTENSIONS = Object.keys(EXTENSIONS);

/** The format a file name implies, or undefined for anything else. */
export function formatOfFile(file: string): SourceFormat | undefined {
  const m = /\.[A-Za-z]+$/.exec(file);
  return m ? EXTENSIONS[m[0].toLowerCase()] : undefined;
}
