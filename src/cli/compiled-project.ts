import { compileProject } from '../compiler/compile-project';
import type { CompiledApp } from '../compiler/project-types';
import type { VoxtraConfig } from '../config/config-types';
import { loadProject } from '../config/load-project';
import { hasErrors } from '../diagnostics/diagnostic';
import { formatDiagnostics } from '../diagnostics/format';
import { EXIT, type CliContext } from './cli-context';

/** A project that compiled without errors: its config and every app's snapshot. */
export interface CompiledApps {
  readonly config: VoxtraConfig;
  readonly apps: readonly (CompiledApp & { readonly snapshot: NonNullable<CompiledApp['snapshot']> })[];
}

/**
 * Loads and compiles the project for commands that need valid apps (graph,
 * provision). On problems it prints them to stderr and returns the exit
 * status instead: 2 for a missing `--config` file or a bad command line,
 * 1 for errors in the files. Warnings are not printed: `validate` is for them.
 */
export async function loadCompiledApps(ctx: CliContext, configPath: string | undefined): Promise<CompiledApps | number> {
  const { io } = ctx;
  const project = await loadProject({ cwd: io.cwd, env: io.env, ...(configPath !== undefined ? { configPath } : {}) });
  const color = io.isTTY && !io.env.NO_COLOR;
  if (project.configNotFound) {
    io.stderr(formatDiagnostics(project.diagnostics, 'pretty', { color }));
    return EXIT.usage;
  }
  if (project.usageError) {
    io.stderr(`voxtra: ${project.usageError}\n`);
    return EXIT.usage;
  }
  const result = compileProject(project);
  if (hasErrors(result.diagnostics) || !project.config) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    io.stderr(formatDiagnostics(errors, 'pretty', { color }));
    io.stderr('voxtra: the project has errors; `voxtra validate` shows them all\n');
    return EXIT.problems;
  }
  const apps = result.apps.filter((a): a is CompiledApps['apps'][number] => a.snapshot !== undefined);
  return { config: project.config, apps };
}
