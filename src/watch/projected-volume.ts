import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChangeReason } from './debouncer';
import { isSkippedSegment, rootsMatchFile, type WatchRoot } from './watch-roots';

/**
 * Kubernetes (ConfigMap, Secret, projected and downward API volumes) never
 * writes the files of a mounted volume. Each visible entry is a link through
 * `..data`, which links to a hidden timestamped folder; an update writes a new
 * folder, renames a `..data_tmp` link over `..data` (the one atomic step),
 * adds and removes visible links, then deletes the old folder. Watching the
 * files themselves would follow inodes that are about to be deleted and miss
 * everything below a linked folder, so such a volume is watched through its
 * `..data` link instead.
 */
const DATA_LINK = '..data';

// Links inside a volume only point into its data folder; the bound guards against a loop anywhere else.
const MAX_DEPTH = 32;

/** True when `dir` is a projected volume: it holds a `..data` symbolic link. */
export function isProjectedVolume(dir: string): boolean {
  try {
    return lstatSync(join(dir, DATA_LINK)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The projected volume `abs` lies in, or reaches through symbolic links (a
 * config file linked into a volume), if any.
 */
export function volumeOf(abs: string): string | undefined {
  const found = volumeAbove(abs);
  if (found !== undefined) return found;
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return undefined;
  }
  return real === abs ? undefined : volumeAbove(real);
}

function volumeAbove(abs: string): string | undefined {
  for (let dir = abs; ; dir = dirname(dir)) {
    if (isProjectedVolume(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export interface ProjectedVolumeWatchOptions {
  /** The volume folder (the one holding `..data`). */
  readonly dir: string;
  /** The roots whose files live in this volume. */
  readonly roots: readonly WatchRoot[];
  /** Receives each file event, as the roots name the files (never a path through `..data`). */
  push(path: string, reason: ChangeReason): void;
  onError(err: unknown): void;
}

/**
 * Watches one projected volume. Any event in its folder relists the roots'
 * files (a handful, on a memory file system): a file that appeared is `add`,
 * one that is gone is `unlink`, and when `..data` points somewhere new every
 * other file is a `change`. Relisting on every event rather than on the rename
 * alone also catches the visible links the update adds and removes after the
 * swap, and the `..data_tmp` link and the hidden folders only ever lead to
 * relisting the same visible names, so they cause no events of their own.
 */
export class ProjectedVolumeWatch {
  private target: string | undefined;
  private files: Set<string>;
  private readonly watcher: FSWatcher;

  constructor(private readonly options: ProjectedVolumeWatchOptions) {
    this.target = this.readTarget();
    this.files = this.list();
    // Not persistent: like the runtime's timers, a watcher never keeps the process alive on its own.
    this.watcher = watch(options.dir, { persistent: false }, () => this.rescan());
    this.watcher.on('error', (err) => options.onError(err));
  }

  close(): void {
    this.watcher.close();
  }

  private rescan(): void {
    const target = this.readTarget();
    const swapped = target !== this.target;
    this.target = target;
    const files = this.list();
    for (const file of files) {
      if (!this.files.has(file)) this.options.push(file, 'add');
      else if (swapped) this.options.push(file, 'change');
    }
    for (const file of this.files) if (!files.has(file)) this.options.push(file, 'unlink');
    this.files = files;
  }

  private readTarget(): string | undefined {
    try {
      return readlinkSync(join(this.options.dir, DATA_LINK));
    } catch {
      return undefined;
    }
  }

  private list(): Set<string> {
    const out = new Set<string>();
    for (const root of this.options.roots) {
      if (root.file !== undefined) {
        if (isFile(root.file)) out.add(root.file);
      } else {
        collect(root, root.dir, 0, out);
      }
    }
    return out;
  }
}

function collect(root: WatchRoot, dir: string, depth: number, out: Set<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (isSkippedSegment(name)) continue;
    const abs = join(dir, name);
    let isDir: boolean;
    try {
      // stat, not lstat: the visible entries are links.
      isDir = statSync(abs).isDirectory();
    } catch {
      continue; // a link whose target the update has just removed
    }
    if (isDir) {
      if (root.recursive && depth < MAX_DEPTH) collect(root, abs, depth + 1, out);
    } else if (rootsMatchFile([root], abs)) {
      out.add(abs);
    }
  }
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}
