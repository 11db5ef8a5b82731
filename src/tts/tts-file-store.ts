import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { VoxtraError } from '../core/errors';
import { TTS_KEY_PATTERN } from './tts-key';

const TEMP = /^\.[0-9a-f]{64}\.\d+\.[0-9a-f]+\.tmp$/;
const WAV_HEADER_BYTES = 44;

/**
 * The folder of rendered phrases, `<dir>/<key>.wav`, shared by Voxtra (which
 * writes) and Asterisk (which reads), with a `<key>.txt` beside each holding
 * the text it says (for operators, and for the simulator's transcripts).
 * Files appear atomically: written to a hidden temp file, flushed, then
 * renamed into place, so a reader (or a restart after a crash) never sees
 * half a file. The text lands before the audio, so a phrase that plays has
 * its text.
 */
export class TtsFileStore {
  readonly dir: string;

  constructor(dir: string) {
    if (!path.isAbsolute(dir)) throw new VoxtraError('CONFIG_INVALID', `the TTS folder must be an absolute path (got ${dir})`);
    this.dir = path.resolve(dir);
  }

  /** Absolute path of a phrase's file. */
  pathFor(key: string): string {
    if (!TTS_KEY_PATTERN.test(key)) throw new VoxtraError('UNSAFE_INPUT', `not a TTS cache key: ${key}`, { what: 'TTS cache key', value: key });
    return path.join(this.dir, `${key}.wav`);
  }

  /** True when the phrase is already rendered. */
  async has(key: string): Promise<boolean> {
    try {
      const st = await fs.stat(this.pathFor(key));
      return st.isFile() && st.size > WAV_HEADER_BYTES;
    } catch {
      return false;
    }
  }

  /** Absolute path of a phrase's text sidecar. */
  textPathFor(key: string): string {
    return this.pathFor(key).replace(/\.wav$/, '.txt');
  }

  /** Stores a phrase (and its text, when given) atomically; readable by every user (Asterisk usually runs as another one). */
  async write(key: string, data: Buffer, text?: string): Promise<void> {
    if (text !== undefined) await this.writeText(key, text);
    await this.replace(key, this.pathFor(key), data);
  }

  /** Writes the text sidecar when it is missing (phrases rendered before sidecars existed). */
  async ensureText(key: string, text: string): Promise<void> {
    const exists = await fs.stat(this.textPathFor(key)).then((st) => st.isFile(), () => false);
    if (!exists) await this.writeText(key, text);
  }

  private writeText(key: string, text: string): Promise<void> {
    return this.replace(key, this.textPathFor(key), Buffer.from(`${text}\n`, 'utf8'));
  }

  private async replace(key: string, target: string, data: Buffer): Promise<void> {
    const temp = path.join(this.dir, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const fh = await fs.open(temp, 'wx', 0o644);
      try {
        await fh.writeFile(data);
        await fh.chmod(0o644); // the umask may have narrowed the mode
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  /** Creates the folder if needed and proves it is writable by writing and removing a file. */
  async prepare(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o755 });
    const probe = path.join(this.dir, `.probe.${process.pid}.${randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  }

  /** Removes temp files left by a crash, when older than `olderThanMs` (a live writer's are younger). */
  async sweepTemp(nowMs: number, olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.dir)) {
      if (!TEMP.test(name)) continue;
      const file = path.join(this.dir, name);
      const st = await fs.stat(file).catch(() => undefined);
      if (st && nowMs - st.mtimeMs > olderThanMs) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
