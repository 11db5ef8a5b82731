import { statSync, type Stats } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import { systemClock, type Clock } from '../core/clock';
import { ChangeDebouncer, type ChangeBatch, type ChangeReason } from './debouncer';
import { ProjectedVolumeWatch, volumeOf } from './projected-volume';
import { isWithin, resolveWatchRoots, rootsMatchFile, rootsWant, watchBases, type PathKind, type WatchRoot } from './watch-roots';

export type { ChangeBatch, ChangeReason } from './debouncer';

export interface WatchProjectOptions {
  /** The config file and every app's flow paths (folders, files or globs). */
  paths: readonly string[];
  /** Relative paths resolve against this. Default `process.cwd()`. */
  cwd?: string;
  /** Quiet time that ends a burst. Default 300 ms. */
  debounceMs?: number;
  /** Default the system clock. */
  clock?: Clock;
  /** One call per burst; while a returned promise is pending, later bursts wait and merge. */
  onChange(batch: ChangeBatch): void | Promise<void>;
  /** Watcher failures (permissions, too many watches) and what onChange throws. */
  onError(err: unknown): void;
}

/** A running project watcher. */
export interface ProjectWatcher {
  /** Absolute folders being watched. */
  readonly bases: readonly string[];
  /** Stops watching, drops any pending burst, and resolves once chokidar has closed. */
  close(): Promise<void>;
}

/**
 * Watches the config file and flow paths and reports each burst of changes
 * to `.yaml`, `.yml`, `.toml` and `.json` files once. Paths in a Kubernetes
 * ConfigMap volume are followed through its `..data` link (a swap reports
 * every file of the volume once). Resolves when the initial scan is done, so
 * changes made after that are seen.
 */
export async function watchProject(options: WatchProjectOptions): Promise<ProjectWatcher> {
  const { volumes, plain } = splitByVolume(resolveWatchRoots(options.paths, options.cwd ?? process.cwd(), kindOf));
  const bases = watchBases(plain, kindOf);
  const debouncer = new ChangeDebouncer({
    clock: options.clock ?? systemClock,
    delayMs: options.debounceMs ?? 300,
    onFlush: (batch) => options.onChange(batch),
    onError: options.onError,
  });
  const push = (path: string, reason: ChangeReason): void => debouncer.push(path, reason);

  // Roots in a Kubernetes volume are watched through its `..data` link only (projected-volume.ts).
  const volumeWatches = [...volumes].map(([dir, roots]) => new ProjectedVolumeWatch({ dir, roots, push, onError: options.onError }));
  const watcher = bases.length > 0 ? await watchPlain(bases, plain, push, options.onError) : undefined;

  let closing: Promise<void> | undefined;
  return {
    bases: [...bases, ...volumes.keys()].sort(),
    close: () => (closing ??= closeWatchers(watcher, volumeWatches, debouncer)),
  };
}

async function watchPlain(bases: string[], roots: readonly WatchRoot[], push: (path: string, reason: ChangeReason) => void, onError: (err: unknown) => void): Promise<FSWatcher> {
  const watcher = watch(bases, {
    ignoreInitial: true,
    // chokidar's own unlink+add merging runs on a real 100 ms timer; the
    // debouncer already reports a delete-and-recreate as one change.
    atomic: false,
    ignored: (path: string, stats?: Stats) => !rootsWant(roots, path, stats?.isDirectory()),
  });
  watcher.on('error', (err) => onError(err));
  watcher.on('all', (event, path) => {
    const reason = reasonOf(event, path, roots);
    if (reason) push(path, reason);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return watcher;
}

/** Groups the roots that live in (or link into) a projected volume by volume folder; the rest are plain. */
function splitByVolume(roots: readonly WatchRoot[]): { volumes: Map<string, WatchRoot[]>; plain: WatchRoot[] } {
  const volumes = new Map<string, WatchRoot[]>();
  const plain: WatchRoot[] = [];
  for (const root of roots) {
    const volume = volumeOf(root.file ?? root.dir);
    if (volume === undefined) plain.push(root);
    else volumes.set(volume, [...(volumes.get(volume) ?? []), root]);
  }
  return { volumes, plain };
}

function reasonOf(event: string, path: string, roots: readonly WatchRoot[]): ChangeReason | undefined {
  if (event === 'add' || event === 'change' || event === 'unlink') return rootsMatchFile(roots, path) ? event : undefined;
  // chokidar reports the files of a removed folder one by one; the folder is
  // reported too, in case its listing was incomplete or it held no flows yet.
  if (event === 'unlinkDir') return roots.some((r) => r.file === undefined && (path === r.dir || (r.recursive && isWithin(r.dir, path)))) ? 'unlink' : undefined;
  return undefined;
}

async function closeWatchers(watcher: FSWatcher | undefined, volumes: readonly ProjectedVolumeWatch[], debouncer: ChangeDebouncer): Promise<void> {
  debouncer.close();
  for (const v of volumes) v.close();
  await watcher?.close();
}

function kindOf(abs: string): PathKind {
  try {
    return statSync(abs).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}
