import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** A new ARI password: 24 random bytes, base64url (32 characters, nothing a .conf file would misread). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

const PASSWORD_LINE = /^\s*password\s*=>?\s*([^\s;]+)\s*(?:;.*)?$/m;
const ENV_LINE = /^ARI_PASSWORD=(\S+)$/m;

/**
 * The password written by an earlier run, from the generated ari.conf (or,
 * when that was deleted, voxtra.env), so later runs keep it.
 */
export async function existingPassword(ariConf: string, envFile: string): Promise<string | undefined> {
  for (const [file, re] of [[ariConf, PASSWORD_LINE], [envFile, ENV_LINE]] as const) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    const m = text === undefined ? null : re.exec(text);
    if (m) return m[1];
  }
  return undefined;
}
