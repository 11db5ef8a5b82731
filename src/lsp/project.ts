import path from 'node:path';
import { compileProject } from '../compiler/compile-project';
import { UnitCache } from '../compiler/unit-cache';
import { loadProject, type FlowParser } from '../config/load-project';
import { readText, type TextReader } from '../config/read-text';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseWithRanges, type ParsedWithRanges } from '../parse/parse-with-ranges';
import { FileModels, type FileModel, type Language } from './file-model';
import { SymbolIndex } from './symbol-index';

/** One app of a project: its flow files and the index of their names (with the config's). */
export interface AppView {
  readonly name: string;
  /** Absolute paths of its flow files. */
  readonly files: readonly string[];
  /** The models its index is built from: its flow files (those that could be read) and the config. */
  readonly models: readonly FileModel[];
  readonly index: SymbolIndex;
}

/** A file as the editor has it now, with what the features need around it. */
export interface FileView {
  readonly model: FileModel;
  /** The file's app (the config: every app). */
  readonly indexes: readonly SymbolIndex[];
  /** Any file of the project by URI, the fresh model for this one. */
  readonly modelOf: (uri: string) => FileModel | undefined;
}

/** A project as last loaded and compiled. */
export interface ProjectState {
  readonly apps: readonly AppView[];
  /** Every file of every app, and the config, by absolute path. */
  readonly files: ReadonlyMap<string, FileModel>;
  /** What `voxtra validate` reports, by absolute path; files without problems have an empty list. */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** False when the config itself did not load: the apps are the last good ones. */
  readonly configOk: boolean;
}

/**
 * One config and its apps, loaded and compiled exactly as `voxtra validate`
 * does (`loadProject` + `compileProject`), except that open editor buffers
 * are read instead of the disk.
 */
export class Project {
  private last?: ProjectState;
  private running: Promise<unknown> = Promise.resolve();
  private readonly models: FileModels;
  // A keystroke changes one file: the others keep their parsed documents and, through them, their normalised units.
  private readonly parsed = new Map<string, { readonly display: string; readonly text: string } & ParsedWithRanges>();
  private readonly units = new UnitCache();

  constructor(
    /** The folder paths are resolved against (the config's folder). */
    readonly cwd: string,
    /** Absolute path of the config file, when there is one. */
    readonly configFile: string | undefined,
    private readonly env: Readonly<Record<string, string | undefined>>,
    language: Language,
  ) {
    this.models = new FileModels(language);
  }

  /** The state of the last load, if any. */
  get state(): ProjectState | undefined {
    return this.last;
  }

  /** The state once the load in progress (if any) is done. */
  async settled(): Promise<ProjectState | undefined> {
    await this.running.catch(() => undefined);
    return this.last;
  }

  /** Loads and compiles again (after the load in progress, if any), reading `overlay` before the disk. */
  refresh(overlay: ReadonlyMap<string, string>): Promise<ProjectState> {
    const next = this.running.then(
      () => this.load(overlay),
      () => this.load(overlay),
    );
    this.running = next;
    return next;
  }

  /** The app a flow file belongs to. */
  appOf(file: string): AppView | undefined {
    return this.last?.apps.find((a) => a.files.includes(file));
  }

  /**
   * The file with `text` (its open buffer) against the last load: when the
   * text changed since, its model is read again and the indexes that see it
   * are rebuilt around it from the other files' models, without loading or
   * compiling the project (a request never waits for a compile, nor forces
   * one between two keystrokes). Undefined when the last load did not have
   * the file.
   */
  view(file: string, text: string | undefined): FileView | undefined {
    const state = this.last;
    const known = state?.files.get(file);
    if (!state || !known) return undefined;
    const apps = this.appsSeeing(file);
    const model = text === undefined || text === known.text ? known : this.models.get(file, text, known.role);
    const indexes = model === known ? apps.map((a) => a.index) : apps.map((a) => new SymbolIndex(a.models.map((m) => (m.file === file ? model : m).symbols)));
    const byUri = new Map([...state.files.values()].map((m) => [m.uri, m]));
    byUri.set(model.uri, model);
    return { model, indexes, modelOf: (uri) => byUri.get(uri) };
  }

  /** Apps that see a file: its own app, or every app for the config. */
  appsSeeing(file: string): readonly AppView[] {
    if (file === this.configFile) return this.last?.apps ?? [];
    const app = this.appOf(file);
    return app ? [app] : [];
  }

  // A flow file's model takes its node ranges from the compile's parse of the same text: a keystroke parses it once.
  private flowModel(file: string, text: string): FileModel {
    const parsed = this.parsed.get(file);
    return this.models.get(file, text, 'flow', parsed?.text === text ? parsed.ranges : undefined);
  }

  private async load(overlay: ReadonlyMap<string, string>): Promise<ProjectState> {
    const texts = new Map<string, string>();
    const read: TextReader = async (absolute, display) => {
      const open = overlay.get(absolute);
      const result = open !== undefined ? { text: open } : await readText(absolute, display);
      if (result.text !== undefined) texts.set(absolute, result.text);
      return result;
    };
    const parse: FlowParser = (absolute, display, text) => {
      const known = this.parsed.get(absolute);
      if (known && known.text === text && known.display === display) return known.result;
      const parsed = parseWithRanges(display, text);
      this.parsed.set(absolute, { display, text, ...parsed });
      return parsed.result;
    };
    const loaded = await loadProject({ cwd: this.cwd, env: this.env, readText: read, parse, ...(this.configFile ? { configPath: this.configFile } : {}) });
    // What `voxtra validate` reports, without the snapshot an editor has no use for.
    const compiled = compileProject(loaded, undefined, undefined, { snapshots: false, cache: this.units });
    const files = new Map<string, FileModel>();
    const configModel = this.configFile !== undefined && texts.has(this.configFile) ? this.models.get(this.configFile, texts.get(this.configFile) ?? '', 'config') : undefined;
    if (configModel) files.set(configModel.file, configModel);
    const configOk = loaded.config !== undefined;
    let apps: AppView[];
    if (configOk) {
      apps = loaded.apps.map((app) => {
        const models = app.absoluteFiles.filter((f) => texts.has(f)).map((f) => this.flowModel(f, texts.get(f) ?? ''));
        for (const m of models) files.set(m.file, m);
        return lazyApp(app.name, app.absoluteFiles, configModel ? [...models, configModel] : models);
      });
    } else {
      // A broken config lists no apps: keep the last good ones, so the flows stay navigable while it is fixed.
      apps = [...(this.last?.apps ?? [])];
      for (const [f, m] of this.last?.files ?? []) if (f !== this.configFile) files.set(f, m);
      if (configModel) files.set(configModel.file, configModel);
    }
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const f of files.keys()) diagnostics.set(f, []);
    for (const d of compiled.diagnostics) {
      const file = d.file !== undefined ? path.resolve(this.cwd, d.file) : this.configFile;
      if (file === undefined) continue;
      const list = diagnostics.get(file);
      if (list) list.push(d);
      else diagnostics.set(file, [d]);
    }
    if (!configOk) {
      // Only the config's problems are known this time; the flows keep what they had.
      for (const [f, list] of this.last?.diagnostics ?? []) if (f !== this.configFile && !diagnostics.get(f)?.length) diagnostics.set(f, [...list]);
    }
    this.models.retain(new Set(files.keys()));
    for (const f of this.parsed.keys()) if (!texts.has(f)) this.parsed.delete(f);
    this.last = { apps, files, diagnostics, configOk };
    return this.last;
  }
}

/** An app whose index is built when a feature first needs it: a keystroke's diagnostics never wait for it. */
function lazyApp(name: string, files: readonly string[], models: readonly FileModel[]): AppView {
  let index: SymbolIndex | undefined;
  return {
    name,
    files,
    models,
    get index() {
      index ??= new SymbolIndex(models.map((m) => m.symbols));
      return index;
    },
  };
}
