import { compileProject } from '../compiler/compile-project';
import type { CompiledApp } from '../compiler/project-types';
import type { VoxtraConfig } from '../config/config-types';
import { loadProject, type LoadProjectOptions } from '../config/load-project';
import type { Diagnostic } from '../diagnostics/diagnostic';

/** What one load + compile of the whole project produced. Plain data: it crosses a worker boundary. */
export interface CompiledProjectResult {
  /** The normalised config; undefined when the config itself did not validate. */
  readonly config?: VoxtraConfig;
  /** Problems with the config itself (not with one app's files). */
  readonly configDiagnostics: readonly Diagnostic[];
  /** Each app with its own diagnostics; `snapshot` only when it has no errors. */
  readonly apps: readonly CompiledApp[];
  /** Set when the config file named on the command line is gone, or the command line does not fit the config. */
  readonly fatal?: string;
  /** Time spent loading and compiling, in ms. */
  readonly durationMs: number;
}

/** Loads and compiles the project the runtime was started with. */
export type ProjectCompiler = (opts: LoadProjectOptions) => Promise<CompiledProjectResult>;

/** Loads and compiles on the calling thread (tests, and the first compile before calls flow). */
export async function compileOnThisThread(opts: LoadProjectOptions): Promise<CompiledProjectResult> {
  const started = performance.now();
  const project = await loadProject(opts);
  const fatal = project.configNotFound ? `config file ${opts.configPath ?? ''} not found` : project.usageError;
  const compiled = compileProject(project);
  return {
    ...(project.config ? { config: project.config as VoxtraConfig } : {}),
    configDiagnostics: project.diagnostics,
    apps: compiled.apps,
    ...(fatal ? { fatal } : {}),
    durationMs: performance.now() - started,
  };
}
