import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Argument, type Command } from 'commander';
import { SCHEMA_FILE_NAMES, renderSchemaFiles } from '../../schema/schema-files';
import { STEP_REGISTRY } from '../../steps/registry';
import { EXIT, type CliContext } from '../cli-context';

/** `voxtra schema [flow|config|scenario] [--out dir]`: prints one schema, or writes all of them into a folder. */
export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('Print the flow, config or scenario (voxtra test) JSON Schema, or write all of them into a folder with --out.')
    .addArgument(new Argument('[kind]', 'which schema to print').choices(['flow', 'config', 'scenario']).default('flow'))
    .option('-o, --out <dir>', 'write voxtra.config.schema.json, flow.schema.json and scenario.schema.json into this folder')
    .action(async (kind: 'flow' | 'config' | 'scenario', opts: { out?: string }) => {
      const files = renderSchemaFiles(STEP_REGISTRY);
      if (opts.out === undefined) {
        ctx.io.stdout(files[SCHEMA_FILE_NAMES[kind]]);
        ctx.exitCode = EXIT.ok;
        return;
      }
      const dir = path.resolve(ctx.io.cwd, opts.out);
      await mkdir(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) {
        await writeFile(path.join(dir, name), text);
        ctx.io.stdout(`wrote ${path.join(opts.out, name)}\n`);
      }
      ctx.exitCode = EXIT.ok;
    });
}
