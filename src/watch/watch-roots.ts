import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isWatchedFileName } from './editor-files';
import { globCrossesFolders, globToRegExp, isGlob, splitGlob } from './glob';

/** One configured path (config file, flow folder, flow file or glob) as the watcher sees it. */
export interface WatchRoot {
  /** Absolute folder the root's files live in. */
  dir: string;
  /** Files in subfolders belong to the root too. */
  recursive: boolean;
  /** Set when the root is exactly one file. */
  file?: string;
  /** For globs: matches the `/`-separated path relative to `dir`. */
  pattern?: RegExp;
}

export type PathKind = 'file' | 'dir' | 'missing';

/**
 * Turns configured paths into roots. A folder watches its tree; a file (or a
 * missing path with a config/flow extension) watches just that file, through
 * its folder so delete-and-recreate is seen; a glob watches its base folder
 * and matches; any other missing path is taken as a folder to come.
 */
export function resolveWatchRoots(paths: readonly string[], cwd: string, kindOf: (abs: string) => PathKind): WatchRoot[] {
  return paths.map((raw) => {
    if (isGlob(raw)) {
      const { base, pattern } = splitGlob(raw);
      return { dir: resolve(cwd, base), recursive: globCrossesFolders(pattern), pattern: globToRegExp(pattern) };
    }
    const abs = resolve(cwd, raw);
    const kind = kindOf(abs);
    if (kind === 'file' || (kind === 'missing' && isWatchedFileName(abs))) return { dir: dirname(abs), recursive: false, file: abs };
    return { dir: abs, recursive: true };
  });
}

/** True when a file event at `abs` concerns one of the roots. */
export function rootsMatchFile(roots: readonly WatchRoot[], abs: string): boolean {
  return roots.some((root) => matchesFile(root, abs));
}

/**
 * chokidar's filter: whether `abs` should be watched at all. `isDir` is
 * undefined when chokidar has not stat'ed the path yet; then anything that
 * could be wanted is kept.
 */
export function rootsWant(roots: readonly WatchRoot[], abs: string, isDir: boolean | undefined): boolean {
  return roots.some((root) => (isDir !== false && wantsFolder(root, abs)) || (isDir !== true && matchesFile(root, abs)));
}

/**
 * Folders to hand to chokidar, without folders already covered: the folder
 * holding each root (so a flow folder that is removed and recreated is seen
 * again), or its nearest existing ancestor while it does not exist yet. The
 * filter keeps chokidar from descending anywhere else.
 */
export function watchBases(roots: readonly WatchRoot[], kindOf: (abs: string) => PathKind): string[] {
  const bases = new Set<string>();
  for (const root of roots) {
    let dir = root.file !== undefined ? root.dir : dirname(root.dir);
    while (kindOf(dir) !== 'dir' && dirname(dir) !== dir) dir = dirname(dir);
    bases.add(dir);
  }
  const list = [...bases].sort();
  return list.filter((b) => !list.some((other) => other !== b && isInside(other, b)));
}

/** True when `abs` is `dir` or lies below it. */
export function isWithin(dir: string, abs: string): boolean {
  return abs === dir || isInside(dir, abs);
}

function matchesFile(root: WatchRoot, abs: string): boolean {
  if (root.file !== undefined) return abs === root.file;
  if (!isInside(root.dir, abs)) return false;
  const rel = relative(root.dir, abs);
  const segments = rel.split(sep);
  if (!root.recursive && segments.length > 1) return false;
  if (segments.some(isSkippedSegment)) return false;
  if (!isWatchedFileName(segments[segments.length - 1] ?? '')) return false;
  return root.pattern === undefined || root.pattern.test(segments.join('/'));
}

function wantsFolder(root: WatchRoot, abs: string): boolean {
  // The root folder and the chain of folders leading to it (some may not exist yet).
  if (isWithin(abs, root.dir)) return true;
  if (!root.recursive || root.file !== undefined || !isInside(root.dir, abs)) return false;
  return !relative(root.dir, abs).split(sep).some(isSkippedSegment);
}

/** True for a path segment never searched for flows: hidden folders (.git, .idea...) and node_modules. */
export function isSkippedSegment(segment: string): boolean {
  return segment.startsWith('.') || segment === 'node_modules';
}

function isInside(dir: string, abs: string): boolean {
  const rel = relative(dir, abs);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
