import path from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../config/display-path';
import { initProject } from '../../init';
import { NAME_PATTERNS } from '../../schema/names';
import { EXIT, type CliContext } from '../cli-context';

interface InitCommandOptions {
  app: string;
  schemas?: string;
  force?: boolean;
}

/** `voxtra init [dir]`: writes a starter project that validates and passes its tests right away. */
export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('Create a starter project: config, a flow with a menu, its test scenarios and editor settings that bind the schemas.')
    .argument('[dir]', 'project folder (created when missing)', '.')
    .option('--app <name>', 'Stasis app name', 'voxtra')
    .option('--schemas <folder|url>', 'where editors find the schemas (default: node_modules/voxtra/schemas, or this repository\'s schemas/)')
    .option('--force', 'overwrite files that exist')
    .action(async (dir: string, opts: InitCommandOptions) => {
      ctx.exitCode = await init(dir, opts, ctx);
    });
}

async function init(dir: string, opts: InitCommandOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  if (!new RegExp(NAME_PATTERNS.app).test(opts.app)) {
    io.stderr(`voxtra init: --app "${opts.app}" is not a Stasis app name (letters, digits, _ . -)\n`);
    return EXIT.usage;
  }
  const abs = path.resolve(io.cwd, dir);
  const result = await initProject({ dir: abs, app: opts.app, ...(opts.schemas !== undefined ? { schemas: opts.schemas } : {}), force: opts.force === true });
  const shown = (f: string): string => displayPath(io.cwd, path.join(abs, f));
  if (result.kind === 'exists') {
    io.stderr(`voxtra init: ${result.files.map(shown).join(', ')} already exist${result.files.length === 1 ? 's' : ''}; nothing written (--force overwrites)\n`);
    return EXIT.problems;
  }
  for (const f of result.files) io.stdout(`${result.overwritten.includes(f) ? 'overwrote' : 'created'} ${shown(f)}\n`);
  const where = {
    option: 'as given with --schemas',
    installed: 'the installed voxtra package',
    repository: 'this Voxtra checkout',
    'to-install': 'there once you run `npm install --save-dev voxtra`',
  }[result.schemas.reason];
  io.stdout(`editors find the schemas in ${result.schemas.ref} (${where})\n`);
  const cd = dir === '.' ? '' : `  cd ${dir}\n`;
  io.stdout(`\nNext:\n${cd}  voxtra validate            # schema and semantic checks\n  voxtra test                # the scenarios in flows/main.test.yaml\n  voxtra graph main          # the flow as a Mermaid graph\n  voxtra run --simulator     # then, in another terminal: voxtra call 1000 --dtmf "4s:1"\n`);
  return EXIT.ok;
}
