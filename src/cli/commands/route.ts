import { Option, type Command } from 'commander';
import { compileProject } from '../../compiler/compile-project';
import { loadProject } from '../../config/load-project';
import { formatDiagnostics } from '../../diagnostics/format';
import { explainRoute } from '../../routing/explain';
import { formatExplanation } from '../../routing/explain-format';
import { factsFromOptions } from '../../routing/facts-from-options';
import { EXIT, type CliContext } from '../cli-context';
import { routeAsk } from '../route-ask';

interface RouteOptions {
  config?: string;
  app?: string;
  extension?: string;
  number?: string;
  callerName?: string;
  arg?: string[];
  header?: string[];
  var?: string[];
  ask?: boolean;
  url?: string;
  timeout?: string;
  format: 'text' | 'pretty' | 'json';
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `voxtra route`: dry-runs routing for a call's facts and explains which route wins. */
export function registerRoute(program: Command, ctx: CliContext): void {
  program
    .command('route')
    .description('Dry-run routing: show which route, rule or default a call would take, the flow it starts and the merged metadata.')
    .argument('[paths...]', 'flow folders, files or globs (the flows of a single-app config)')
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .option('--app <name>', 'Stasis app whose routes to use (default: the only or first app)')
    .option('-e, --extension <extension>', 'dialled extension')
    .option('-n, --number <number>', 'calling number (caller id)')
    .option('--caller-name <name>', 'caller name')
    .option('--arg <value>', 'Stasis argument (repeatable)', collect)
    .option('--header <name=value>', 'SIP header of the call (repeatable)', collect)
    .option('--var <name=value>', 'channel variable (repeatable)', collect)
    .option('--ask', 'send the request the runtime would send for these facts to the app\'s HTTP router(s) and check each answer against the protocol')
    .option('--url <url>', 'with --ask: ask this HTTP router instead of the app\'s dispatch rules')
    .option('--timeout <duration>', 'with --ask: how long to wait for each answer (default: each rule\'s timeout; 500ms with --url)')
    .addOption(new Option('-f, --format <format>', 'output format (pretty is text)').choices(['text', 'pretty', 'json']).default('text'))
    .action(async (paths: string[], opts: RouteOptions) => {
      ctx.exitCode = await route(paths, opts, ctx);
    });
}

async function route(paths: string[], opts: RouteOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const project = await loadProject({ cwd: io.cwd, env: io.env, ...(opts.config !== undefined ? { configPath: opts.config } : {}), ...(paths.length ? { paths } : {}) });
  const color = io.isTTY && !io.env.NO_COLOR;
  if (project.configNotFound || project.usageError) {
    io.stderr(project.usageError ? `voxtra: ${project.usageError}\n` : formatDiagnostics(project.diagnostics, 'pretty', { color }));
    return EXIT.usage;
  }
  const facts = factsFromOptions({ extension: opts.extension, number: opts.number, callerName: opts.callerName, args: opts.arg, header: opts.header, var: opts.var });
  if (!facts.ok) {
    io.stderr(`voxtra: ${facts.message}\n`);
    return EXIT.usage;
  }
  if (opts.ask) {
    const ask = { format: opts.format === 'json' ? 'json' : 'pretty', ...(opts.app ? { app: opts.app } : {}), ...(opts.url !== undefined ? { url: opts.url } : {}), ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}) } as const;
    return routeAsk(project, facts.facts, ask, io, color);
  }
  if (opts.url !== undefined || opts.timeout !== undefined) {
    io.stderr('voxtra: --url and --timeout go with --ask\n');
    return EXIT.usage;
  }
  const compiled = compileProject(project);
  const app = opts.app ? compiled.apps.find((a) => a.name === opts.app) : compiled.apps[0];
  if (!app) {
    io.stderr(`voxtra: no app named ${JSON.stringify(opts.app)} (apps: ${compiled.apps.map((a) => a.name).join(', ') || 'none'})\n`);
    return EXIT.usage;
  }
  if (!app.snapshot) {
    io.stderr(formatDiagnostics(app.diagnostics, 'pretty', { color }));
    io.stderr(`voxtra: app ${app.name} has errors; fix them to dry-run its routes\n`);
    return EXIT.problems;
  }
  io.stdout(formatExplanation(explainRoute(app.snapshot, facts.facts), opts.format === 'json' ? 'json' : 'text'));
  return EXIT.ok;
}
