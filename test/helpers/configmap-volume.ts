import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** File path inside the volume (`/`-separated, may hold folders) → text. */
export type VolumePayload = Record<string, string>;

/**
 * A folder laid out and updated the way the kubelet projects a ConfigMap
 * volume (pkg/volume/util/atomic_writer.go): the data lives in a hidden
 * timestamped folder, `..data` links to it, and every top-level entry is a
 * symlink through `..data`. An update never writes a visible file: it writes
 * a new timestamped folder, links `..data_tmp` to it, renames `..data_tmp`
 * over `..data` (the atomic step), adds links for new entries, removes links
 * for entries gone, then deletes the old folder.
 */
export class ConfigMapVolume {
  private serial = 0;

  private constructor(readonly dir: string) {}

  /** Projects `payload` into `dir` (created if missing), as the kubelet does when the pod starts. */
  static create(dir: string, payload: VolumePayload): ConfigMapVolume {
    mkdirSync(dir, { recursive: true });
    const volume = new ConfigMapVolume(dir);
    volume.update(payload);
    return volume;
  }

  /** The hidden folder `..data` points at now. */
  get dataDir(): string {
    return path.join(this.dir, readlinkSync(path.join(this.dir, '..data')));
  }

  /** Replaces the whole payload with the kubelet's sequence of steps. */
  update(payload: VolumePayload): void {
    const dataLink = path.join(this.dir, '..data');
    const old = exists(dataLink) ? readlinkSync(dataLink) : undefined;
    const oldTop = old ? topLevel(readdirSync(path.join(this.dir, old))) : new Set<string>();

    // Step 5-6: the new timestamped folder with the whole payload.
    const stamp = `..2026_12_06_11_00_${String(this.serial++).padStart(2, '0')}.${String(123456789 + this.serial)}`;
    for (const [rel, text] of Object.entries(payload)) {
      const file = path.join(this.dir, stamp, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    // Step 7-8: ..data_tmp → new folder, renamed over ..data.
    const tmp = path.join(this.dir, '..data_tmp');
    symlinkSync(stamp, tmp);
    renameSync(tmp, dataLink);
    // Step 9: user-visible links for new top-level entries.
    const newTop = topLevel(Object.keys(payload));
    for (const name of newTop) {
      const link = path.join(this.dir, name);
      if (!exists(link)) symlinkSync(path.join('..data', name), link);
    }
    // Step 10-11: links of entries that are gone, then the old folder.
    for (const name of oldTop) if (!newTop.has(name)) rmSync(path.join(this.dir, name), { force: true });
    if (old) rmSync(path.join(this.dir, old), { recursive: true, force: true });
  }
}

/** lstat, so a link counts whatever it points at. */
function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function topLevel(paths: readonly string[]): Set<string> {
  return new Set(paths.map((p) => p.split('/')[0] as string));
}
