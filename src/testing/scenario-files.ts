import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isScenarioFile } from '../config/flow-files';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';

const SCENARIO_GLOB = '**/*.test.{yaml,yml}';
const IGNORE = ['**/node_modules/**'];

/** A place to look for scenario files, and the app scenarios found there enter by default. */
export interface ScenarioRoot {
  /** Folder, file or glob, relative to `baseDir`. */
  readonly pattern: string;
  readonly baseDir: string;
  readonly app: string;
}

/** A scenario file and the app its scenarios enter unless they say otherwise. */
export interface FoundScenarioFile {
  readonly absolute: string;
  readonly app: string;
}

/**
 * Finds scenario files (`*.test.yaml`, `*.test.yml`) under folders, globs or
 * as named files, sorted by path. A file reached from two roots keeps the
 * first root's app. A named file that is not a scenario file is ignored (it
 * is a flow file), a missing path is FILE_NOT_FOUND.
 */
export async function findScenarioFiles(roots: readonly ScenarioRoot[]): Promise<{ files: FoundScenarioFile[]; diagnostics: Diagnostic[] }> {
  const found = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const add = (file: string, app: string): void => {
    const abs = path.resolve(file);
    if (isScenarioFile(abs) && !found.has(abs)) found.set(abs, app);
  };
  for (const root of roots) {
    const normalized = root.pattern.split(path.sep).join('/');
    if (isDynamicPattern(normalized)) {
      for (const m of await glob(normalized, { cwd: root.baseDir, absolute: true, onlyFiles: true, ignore: IGNORE })) add(m, root.app);
      continue;
    }
    const absolute = path.resolve(root.baseDir, root.pattern);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      diagnostics.push(diagnostic({ code: 'FILE_NOT_FOUND', message: `"${root.pattern}" does not exist`, path: [] }));
      continue;
    }
    if (info.isDirectory()) {
      for (const m of await glob(SCENARIO_GLOB, { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORE })) add(m, root.app);
    } else {
      add(absolute, root.app);
    }
  }
  const files = [...found.entries()].map(([absolute, app]) => ({ absolute, app })).sort((a, b) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0));
  return { files, diagnostics };
}
