import path from 'node:path';
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '../../io/write-file-atomic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { buildGraph, GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../graph';
import { EXIT, type CliContext } from '../cli-context';
import { loadCompiledApps } from '../compiled-project';

interface GraphCommandOptions {
  config?: string;
  app?: string;
  format?: GraphFormat;
  out?: string;
}

const BY_EXTENSION: Readonly<Record<string, GraphFormat>> = { '.svg': 'svg', '.dot': 'dot', '.gv': 'dot', '.mmd': 'mermaid', '.mermaid': 'mermaid' };

/** `voxtra graph [flow]`: draws an app's routes and flows as Mermaid, DOT or SVG. */
export function registerGraph(program: Command, ctx: CliContext): void {
  program
    .command('graph')
    .description('Draw the routes of an app and the steps of each flow (or one flow and the flows it calls) as Mermaid, DOT or SVG.')
    .argument('[flow]', 'draw only this flow and the sub-flows it calls')
    .option('-c, --config <file>', 'config file (default: voxtra.config.{yaml,yml,toml,json} in the current folder)')
    .option('--app <name>', 'the app to draw (default: the only app)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --out extension, else mermaid)').choices(GRAPH_FORMATS))
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (flow: string | undefined, opts: GraphCommandOptions) => {
      ctx.exitCode = await graph(flow, opts, ctx);
    });
}

async function graph(flow: string | undefined, opts: GraphCommandOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const loaded = await loadCompiledApps(ctx, opts.config);
  if (typeof loaded === 'number') return loaded;
  const names = loaded.apps.map((a) => a.name);
  if (opts.app === undefined && loaded.apps.length > 1) return usage(ctx, `the config declares ${names.length} apps (${names.join(', ')}); pick one with --app`);
  const app = opts.app === undefined ? loaded.apps[0] : loaded.apps.find((a) => a.name === opts.app);
  if (!app) return usage(ctx, `no app "${opts.app}" in the config (apps: ${names.join(', ')})${hint(opts.app ?? '', names)}`);
  if (flow !== undefined && !app.snapshot.flows[flow]) {
    const flows = Object.keys(app.snapshot.flows).filter((f) => !f.startsWith('@'));
    return usage(ctx, `app "${app.name}" has no flow "${flow}" (flows: ${flows.join(', ')})${hint(flow, flows)}`);
  }
  const format = opts.format ?? (opts.out !== undefined ? BY_EXTENSION[path.extname(opts.out).toLowerCase()] : undefined) ?? 'mermaid';
  const text = await renderGraph(buildGraph(app.snapshot, flow !== undefined ? { flow } : {}), format);
  if (opts.out === undefined) {
    io.stdout(text);
    return EXIT.ok;
  }
  await writeFileAtomic(path.resolve(io.cwd, opts.out), text);
  io.stderr(`wrote ${opts.out} (${format})\n`);
  return EXIT.ok;
}

function hint(name: string, candidates: readonly string[]): string {
  const dym = didYouMean(name, candidates);
  return dym ? `. ${dym}` : '';
}

function usage(ctx: CliContext, message: string): number {
  ctx.io.stderr(`voxtra graph: ${message}\n`);
  return EXIT.usage;
}
