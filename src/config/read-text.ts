import { readFile, stat } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, or why it could not be read. */
export interface TextRead {
  readonly text?: string;
  readonly diagnostic?: Diagnostic;
}

/**
 * How the loader reads a file (absolute path, path as shown). The default
 * reads the disk; an editor passes one that answers unsaved buffers first.
 */
export type TextReader = (absolute: string, display: string) => Promise<TextRead>;

/**
 * Reads a text file for parsing. Missing files give FILE_NOT_FOUND; folders,
 * unreadable files and text that is not UTF-8 give FILE_READ_ERROR.
 */
export async function readText(absolute: string, display: string): Promise<TextRead> {
  const fail = (code: 'FILE_NOT_FOUND' | 'FILE_READ_ERROR', message: string) => ({ diagnostic: diagnostic({ code, message, file: display, path: [] }) });
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return fail('FILE_READ_ERROR', `${display} is a folder, not a file`);
    const bytes = await readFile(absolute);
    try {
      return { text: utf8.decode(bytes) };
    } catch {
      return fail('FILE_READ_ERROR', `${display} is not UTF-8 text`);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('FILE_NOT_FOUND', `${display} does not exist`);
    return fail('FILE_READ_ERROR', `${display} could not be read (${code ?? String(err)})`);
  }
}
