import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { EXIT, processIo, type CliContext, type CliIo } from './cli-context';
import { registrarsFor } from './commands';
import { buildProgram } from './program';

const OK_EXITS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

function packageVersion(): string {
  try {
    // The package manifest sits two folders up from both src/cli and dist/cli.
    return (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * Entry point of the `voxtra` command; returns the exit status (0 clean or
 * warnings only, 1 problems found, 2 usage errors). `argv` is process.argv
 * (node, script, arguments); tests pass their own io to capture output.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT.ok };
  const program = buildProgram(ctx, await registrarsFor(argv.slice(2)), packageVersion());
  try {
    await program.parseAsync(argv, { from: 'node' });
  } catch (err) {
    if (err instanceof CommanderError) return OK_EXITS.has(err.code) ? EXIT.ok : EXIT.usage;
    io.stderr(`voxtra: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.problems;
  }
  return ctx.exitCode;
}
