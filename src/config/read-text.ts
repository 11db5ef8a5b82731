import { readFileSync } from 'node:fs';
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
  return readTextSync(absolute, display);
}

/**
 * {@link readText} without the promise. Flow files are small and many: one
 * blocking read each costs less than the thread-pool round trips of an
 * asynchronous stat, open, read and close (a tenth of `voxtra validate` on a
 * thousand files, and more on a busy machine, where each round trip waits).
 */
export function readTextSync(absolute: string, display: string): TextRead {
  const fail = (code: 'FILE_NOT_FOUND' | 'FILE_READ_ERROR', message: string): TextRead => ({ diagnostic: diagnostic({ code, message, file: display, path: [] }) });
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fail('FILE_READ_ERROR', `${display} is a folder, not a file`);
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('FILE_NOT_FOUND', `${display} does not exist`);
    return fail('FILE_READ_ERROR', `${display} could not be read (${code ?? String(err)})`);
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return fail('FILE_READ_ERROR', `${display} is not UTF-8 text`);
  }
}
