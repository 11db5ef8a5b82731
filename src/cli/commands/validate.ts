import { Option, type Command } from 'commander';
import { compileProject } from '../../compiler/compile-project';
import { loadProject } from '../../config/load-project';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic';
import { DIAGNOSTIC_FORMATS, formatDiagnostics, type DiagnosticFormat } from '../../diagnostics/format';
import { countSummary } from '../../diagnostics/format-pretty';
import { EXIT, type CliContext } from '../cli-context';

interface ValidateOptions {
  config?: string;
  format: DiagnosticFormat;
  warningsAsErrors?: boolean;
}

/** `voxtra validate [paths...]`: runs the schema and semantic checks and reports every problem. */
export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('Check the config and flow files (schema, then semantic rules) and report every problem.')
    .argument('[paths...]', 'flow folders, files or globs (the flows of a single-app config)')
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('pretty'))
    .option('--warnings-as-errors', 'exit with status 1 when there are warnings')
    .action(async (paths: string[], opts: ValidateOptions) => {
      ctx.exitCode = await validate(paths, opts, ctx);
    });
}

async function validate(paths: string[], opts: ValidateOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const project = await loadProject({ cwd: io.cwd, env: io.env, ...(opts.config !== undefined ? { configPath: opts.config } : {}), ...(paths.length ? { paths } : {}) });
  const color = io.isTTY && !io.env.NO_COLOR;
  if (project.configNotFound) {
    io.stderr(formatDiagnostics(project.diagnostics, opts.format, { color }));
    return EXIT.usage;
  }
  if (project.usageError) {
    io.stderr(`voxtra: ${project.usageError}\n`);
    return EXIT.usage;
  }
  const result = compileProject(project);
  const diags: readonly Diagnostic[] = result.diagnostics;
  io.stdout(formatDiagnostics(diags, opts.format, { color }));
  if (opts.format === 'pretty') {
    for (const app of result.apps) {
      // An app whose own files are clean has no snapshot only because the config has errors.
      const state = app.snapshot ? `ok, version ${app.snapshot.version}` : hasErrors(app.diagnostics) ? 'not valid' : 'not valid (the config has errors)';
      io.stdout(`app ${app.name}: ${app.files.length} file${app.files.length === 1 ? '' : 's'}, ${state}\n`);
    }
    io.stdout(`${countSummary(diags)}\n`);
  }
  if (hasErrors(diags)) return EXIT.problems;
  if (opts.warningsAsErrors && diags.some((d) => d.severity === 'warning')) return EXIT.problems;
  return EXIT.ok;
}
