import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Where the running Voxtra's own schemas are (the package root is two folders above src/init and dist/init). */
export const PACKAGE_ROOT = path.resolve(__dirname, '../..');

/** What `voxtra init` binds editors to, and why (for its report). */
export interface SchemaLocation {
  /** Folder relative to the project root (`/` separators), or a URL. */
  readonly ref: string;
  readonly reason: 'option' | 'installed' | 'repository' | 'to-install';
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** The real path of `p`, which may not exist yet: its nearest existing folder resolved, the rest appended. */
function real(p: string): string {
  const abs = path.resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = path.dirname(abs);
  return parent === abs ? abs : path.join(real(parent), path.basename(abs));
}

/**
 * Finds the schemas for a new project in `dir`:
 * 1. `--schemas` as given;
 * 2. an installed Voxtra: `node_modules/voxtra/schemas` in the folder or a
 *    parent (npm's layout), relative to the project;
 * 3. a folder inside the Voxtra repository (or package) that is running:
 *    its `schemas/` folder, relative;
 * 4. otherwise `node_modules/voxtra/schemas`, which `npm install --save-dev voxtra`
 *    will provide.
 */
export function locateSchemas(dir: string, option?: string, packageRoot: string = PACKAGE_ROOT): SchemaLocation {
  if (option !== undefined) return { ref: /^[a-z][a-z0-9+.-]*:\/\//i.test(option) ? option : toPosix(option), reason: 'option' };
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const candidate = path.join(at, 'node_modules', 'voxtra', 'schemas');
    if (existsSync(path.join(candidate, 'flow.schema.json'))) return { ref: toPosix(path.relative(dir, candidate)), reason: 'installed' };
    if (path.dirname(at) === at) break;
  }
  const root = real(packageRoot);
  const target = real(dir);
  if ((target === root || target.startsWith(`${root}${path.sep}`)) && existsSync(path.join(root, 'schemas', 'flow.schema.json'))) {
    return { ref: toPosix(path.relative(target, path.join(root, 'schemas'))) || '.', reason: 'repository' };
  }
  return { ref: 'node_modules/voxtra/schemas', reason: 'to-install' };
}
