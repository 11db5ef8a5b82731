import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The repository's own config and flow files (fixtures, examples, flows/) whose names match, for differential tests. */
export function repositoryFiles(names: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (names.test(name)) out.push(file);
    }
  };
  for (const dir of ['test/fixtures', 'examples', 'flows']) walk(path.join(ROOT, dir));
  return out;
}
