import { extname } from 'node:path';

/** Extensions of config and flow files; nothing else triggers a reload. */
export const WATCHED_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.toml', '.json'];

/**
 * True for the temporary and backup files editors and tools write next to
 * the real file: vim swap files (`.x.yaml.swp`), its `4913` write probe and
 * `x.yaml~` backups, emacs lock files (`.#x.yaml`) and `#x.yaml#` autosaves,
 * `*.tmp`, and JetBrains' `___jb_tmp___`/`___jb_old___` safe-write files.
 */
export function isEditorTempFile(name: string): boolean {
  return (
    name === '4913' ||
    name.endsWith('~') ||
    name.startsWith('.#') ||
    (name.startsWith('#') && name.endsWith('#')) ||
    /\.sw[a-p]$/i.test(name) ||
    /\.swx$/i.test(name) ||
    /\.tmp$/i.test(name) ||
    /___jb_(tmp|old)___$/.test(name)
  );
}

/** True for a file name that may hold config or flows (and is not an editor's temp file). */
export function isWatchedFileName(name: string): boolean {
  return !isEditorTempFile(name) && WATCHED_EXTENSIONS.includes(extname(name).toLowerCase());
}
