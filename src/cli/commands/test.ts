import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { formatDiagnostics } from '../../diagnostics/format';
import { formatJsonReport } from '../../testing/report-json';
import { formatJunitReport } from '../../testing/report-junit';
import { formatPrettyReport } from '../../testing/report-pretty';
import { runTests, type TestReport } from '../../testing/run-tests';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import { EXIT, type CliContext } from '../cli-context';

const FORMATS = ['pretty', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface TestOptions {
  config?: string;
  format: Format;
  output?: string;
  grep?: string;
  coverage: boolean;
  verbose?: boolean;
  overHttp?: boolean;
}

/** `voxtra test [paths...]`: runs the scenario files (`*.test.yaml`) against the flows on a simulated clock. */
export function registerTest(program: Command, ctx: CliContext): void {
  program
    .command('test')
    .description('Run the scenario files (*.test.yaml) next to the flows: each places a call in-process on a simulated clock and checks what happened.')
    .argument('[paths...]', 'flow folders, files or globs (scenarios are found under them), or scenario files to run only those')
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('pretty'))
    .option('-o, --output <file>', 'write the report to this file (the pretty report still goes to the terminal)')
    .option('-g, --grep <text>', 'run only scenarios whose name contains this text')
    .option('--no-coverage', 'leave the coverage summary out of the pretty report')
    .option('--verbose', 'also print what Voxtra did for failed scenarios, and transcripts of passed ones')
    .option('--over-http', 'run every call over loopback HTTP and WebSocket with ari-client, on a scaled real clock (slower; default: in-process on a simulated clock)')
    .action(async (paths: string[], opts: TestOptions) => {
      ctx.exitCode = await test(paths, opts, ctx);
    });
}

async function test(paths: string[], opts: TestOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const color = io.isTTY && !io.env.NO_COLOR;
  const printDiagnostics = (diags: readonly Diagnostic[]): void => {
    if (diags.length > 0) io.stderr(formatDiagnostics(diags, 'pretty', { color }));
  };
  // Simulated time keeps no timer of its own; should a call ever wait on nothing, hang rather than exit 0.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const outcome = await runTests({
    cwd: io.cwd,
    env: io.env,
    paths,
    ...(opts.config !== undefined ? { configPath: opts.config } : {}),
    ...(opts.grep !== undefined ? { grep: opts.grep } : {}),
    ...(opts.overHttp ? { overHttp: true } : {}),
  }).finally(() => clearInterval(keepAlive));
  if (outcome.kind === 'usage') {
    printDiagnostics(outcome.diagnostics);
    if (outcome.message) io.stderr(`voxtra: ${outcome.message}\n`);
    return EXIT.usage;
  }
  if (outcome.kind === 'invalid') {
    printDiagnostics(outcome.diagnostics);
    io.stderr(`voxtra: cannot test: ${outcome.message ?? 'the configuration or flows have errors (see above)'}\n`);
    return EXIT.problems;
  }
  const { report } = outcome;
  printDiagnostics(outcome.diagnostics);
  if (report.summary.total === 0) {
    io.stderr(`voxtra: no scenario matches --grep ${JSON.stringify(opts.grep ?? '')}\n`);
    return EXIT.usage;
  }
  const text = render(report, opts.format, outcome.diagnostics, { color: color && opts.output === undefined, coverage: opts.coverage, verbose: opts.verbose === true });
  if (opts.output !== undefined) {
    const file = path.resolve(io.cwd, opts.output);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, opts.format === 'pretty' ? render(report, 'pretty', outcome.diagnostics, { color: false, coverage: opts.coverage, verbose: opts.verbose === true }) : text);
    io.stdout(formatPrettyReport(report, { color, coverage: opts.coverage, verbose: opts.verbose === true }));
  } else {
    io.stdout(text);
  }
  return report.summary.failed > 0 ? EXIT.problems : EXIT.ok;
}

function render(report: TestReport, format: Format, diagnostics: readonly Diagnostic[], opts: { color: boolean; coverage: boolean; verbose: boolean }): string {
  if (format === 'json') return formatJsonReport(report, diagnostics);
  if (format === 'junit') return formatJunitReport(report);
  return formatPrettyReport(report, opts);
}
