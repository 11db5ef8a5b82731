import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/write-file-atomic';
import { locateSchemas, type SchemaLocation } from './schema-location';
import { starterFiles } from './starter-files';

export interface InitOptions {
  /** The project folder (absolute); created when missing. */
  readonly dir: string;
  readonly app?: string;
  /** `--schemas`: where editors find the schemas (folder relative to the project, or URL). */
  readonly schemas?: string;
  /** Overwrite files that exist. */
  readonly force?: boolean;
}

export type InitResult =
  | { readonly kind: 'created'; readonly files: readonly string[]; readonly overwritten: readonly string[]; readonly schemas: SchemaLocation }
  | { readonly kind: 'exists'; readonly files: readonly string[] };

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a starter project: config, one flow with a menu, its scenarios,
 * VS Code settings that bind the schemas, a .gitignore. Refuses, writing
 * nothing, when any of those files exists, unless `force`.
 */
export async function initProject(opts: InitOptions): Promise<InitResult> {
  const schemas = locateSchemas(opts.dir, opts.schemas);
  const files = starterFiles({ app: opts.app ?? 'voxtra', schemas: schemas.ref });
  const present: string[] = [];
  for (const f of files) if (await exists(path.join(opts.dir, f.path))) present.push(f.path);
  if (present.length > 0 && !opts.force) return { kind: 'exists', files: present };
  for (const f of files) await writeFileAtomic(path.join(opts.dir, f.path), f.text);
  return { kind: 'created', files: files.map((f) => f.path), overwritten: present, schemas };
}
