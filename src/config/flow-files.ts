import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { SourceRef } from '../ir/types';
import { formatOfFile } from '../parse/format-of';

const FLOW_GLOB = '**/*.{yaml,yml,toml,json}';
const IGNORE = ['**/node_modules/**'];

/** Scenario files for `voxtra test` (`menu.test.yaml`) live next to flows but are never flow files. */
export const SCENARIO_FILE = /\.test\.ya?ml$/i;

/** True for a `voxtra test` scenario file name (`*.test.yaml`, `*.test.yml`). */
export function isScenarioFile(file: string): boolean {
  return SCENARIO_FILE.test(file);
}

/** Where a flows entry was written, so a missing path is reported there. */
export interface FlowsEntry {
  readonly pattern: string;
  readonly baseDir: string;
  readonly source?: SourceRef;
}

/**
 * Expands an app's flows entries (folders, files, globs) into flow files,
 * sorted by path and without duplicates. Folders are searched recursively for
 * .yaml, .yml, .toml and .json files (hidden files and node_modules skipped);
 * scenario files (`*.test.yaml`) found by folders and globs are skipped, and
 * `exclude` (the config file) is never a flow file.
 */
export async function findFlowFiles(entries: readonly FlowsEntry[], exclude: readonly string[] = []): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const normalized = entry.pattern.split(path.sep).join('/');
    if (isDynamicPattern(normalized)) {
      const matches = await glob(normalized, { cwd: entry.baseDir, absolute: true, onlyFiles: true, ignore: IGNORE });
      for (const m of matches) if (formatOfFile(m) && !isScenarioFile(m)) found.add(path.resolve(m));
      continue;
    }
    const absolute = path.resolve(entry.baseDir, entry.pattern);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      diagnostics.push(
        diagnostic({
          code: 'FILE_NOT_FOUND',
          message: `flows path "${entry.pattern}" does not exist`,
          file: entry.source?.file,
          path: entry.source?.path ?? [],
          line: entry.source?.line,
          column: entry.source?.column,
        }),
      );
      continue;
    }
    if (info.isDirectory()) {
      const matches = await glob(FLOW_GLOB, { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORE });
      for (const m of matches) if (!isScenarioFile(m)) found.add(path.resolve(m));
    } else {
      found.add(absolute);
    }
  }
  const skip = new Set(exclude.map((f) => path.resolve(f)));
  const files = [...found].filter((f) => !skip.has(f)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, diagnostics };
}
