import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** A new password: 24 random bytes, base64url (32 characters, nothing a .conf file would misread). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** Where an earlier run wrote a secret: a generated file and the line that holds it. */
export interface SecretSource {
  readonly file: string;
  /** Its first match's group 1 is the secret. */
  readonly line: RegExp;
}

/** The first `password = ...` of a generated .conf file (every section there holds the same one). */
export const CONF_PASSWORD_LINE = /^\s*password\s*=>?\s*([^\s;]+)\s*(?:;.*)?$/m;

/** `NAME=value` in the generated voxtra.env. */
export function envLine(name: string): RegExp {
  return new RegExp(`^${name}=(\\S+)$`, 'm');
}

/**
 * The secret written by an earlier run, from the first source that still
 * has it (the .conf file Asterisk reads, else voxtra.env when that was
 * deleted), so later runs keep it.
 */
export async function keptSecret(sources: readonly SecretSource[]): Promise<string | undefined> {
  for (const { file, line } of sources) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    const m = text === undefined ? null : line.exec(text);
    if (m) return m[1];
  }
  return undefined;
}
