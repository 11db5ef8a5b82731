import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/config-types';
import type { Language } from './file-model';
import { Project } from './project';

/** Where the language server looks for projects. */
export interface WorkspaceOptions {
  /** The editor's workspace folders (absolute); a config is looked for up to these. */
  readonly folders: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly language: Language;
  /** `voxtra lsp --config FILE`: one project for every file. */
  readonly configPath?: string;
}

/**
 * The projects the open files belong to. A file belongs to the config
 * found in its folder or the nearest parent (up to its workspace folder),
 * as `voxtra validate` run from that folder would use; with none, to the
 * default project of its workspace folder (flows in `flows/`). Open
 * buffers are kept here and read instead of the disk.
 */
export class Workspace {
  /** Unsaved text of open files, by absolute path. */
  readonly overlay = new Map<string, string>();
  private readonly projects = new Map<string, Project>();

  constructor(private readonly options: WorkspaceOptions) {}

  /** The project a file belongs to. */
  projectFor(file: string): Project {
    const { cwd, config } = this.locate(file);
    const key = `${cwd}\u0000${config ?? ''}`;
    let project = this.projects.get(key);
    if (!project) {
      project = new Project(cwd, config, this.options.env, this.options.language);
      this.projects.set(key, project);
    }
    return project;
  }

  /** Every project met so far. */
  all(): readonly Project[] {
    return [...this.projects.values()];
  }

  /** Projects that read a file (its own, and any whose last load listed it). */
  projectsReading(file: string): Project[] {
    const out = new Set<Project>([this.projectFor(file)]);
    for (const p of this.projects.values()) if (p.state?.files.has(file)) out.add(p);
    return [...out];
  }

  /** Forgets projects whose config appeared or went away, so files are looked up again. */
  forgetConfigs(): void {
    for (const [key, project] of this.projects) {
      const gone = project.configFile !== undefined && !existsSync(project.configFile);
      const appeared = project.configFile === undefined && CONFIG_FILE_NAMES.some((n) => existsSync(path.join(project.cwd, n)));
      if (gone || appeared) this.projects.delete(key);
    }
  }

  private locate(file: string): { cwd: string; config?: string } {
    if (this.options.configPath !== undefined) {
      const config = path.resolve(this.options.folders[0] ?? process.cwd(), this.options.configPath);
      return { cwd: path.dirname(config), config };
    }
    const folder = this.folderOf(file);
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      for (const name of CONFIG_FILE_NAMES) {
        const candidate = path.join(dir, name);
        if (existsSync(candidate)) return { cwd: dir, config: candidate };
      }
      if ((folder !== undefined && dir === folder) || path.dirname(dir) === dir) break;
    }
    return { cwd: folder ?? path.dirname(file) };
  }

  private folderOf(file: string): string | undefined {
    return this.options.folders.filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }
}
