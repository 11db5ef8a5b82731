import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so readers see either the old or the new content, never a
 * half-written one: the text goes to a temporary file in the same folder,
 * which is then renamed over the target. Creates the folder when needed.
 */
export async function writeFileAtomic(file: string, text: string, mode?: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, text, mode !== undefined ? { mode } : {});
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
