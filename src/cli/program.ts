import { Command } from 'commander';
import type { CliContext } from './cli-context';
import type { CommandRegistrar } from './commands';

/** Builds the `voxtra` program with the given commands (see `registrarsFor`); output goes through the context's io. */
export function buildProgram(ctx: CliContext, commands: readonly CommandRegistrar[], version = '0.0.0'): Command {
  const program = new Command('voxtra')
    .description('Declarative call flows for Asterisk: YAML/TOML/JSON flows, validated, driven through ARI.')
    .version(version, '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr });
  // Commands added after exitOverride/configureOutput inherit both, so their usage errors come back here too.
  for (const register of commands) register(program, ctx);
  return program;
}
