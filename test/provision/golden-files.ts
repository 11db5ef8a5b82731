import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Folder of the expected outputs, one subfolder per mode. */
export const GOLDEN_DIR = path.join(__dirname, 'golden');

/**
 * Compares a generated file with its golden copy (`golden/<mode>/<name>`).
 * `UPDATE_GOLDEN=1 npx jest test/provision` rewrites the copies; review the
 * diff before committing it.
 */
export function expectGolden(mode: string, name: string, text: string): void {
  const file = path.join(GOLDEN_DIR, mode, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file ${path.relative(process.cwd(), file)}: run UPDATE_GOLDEN=1 npx jest test/provision`);
  expect({ file: `${mode}/${name}`, text }).toEqual({ file: `${mode}/${name}`, text: readFileSync(file, 'utf8') });
}
