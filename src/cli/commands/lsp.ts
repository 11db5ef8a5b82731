import type { Command } from 'commander';
import { systemClock } from '../../core/clock';
import { parseDuration } from '../../core/duration';
import { EXIT, type CliContext } from '../cli-context';

interface LspOptions {
  stdio?: boolean;
  config?: string;
  debounce: string;
}

/** `voxtra lsp`: the language server for flow files and the config, over stdio. */
export function registerLsp(program: Command, ctx: CliContext): void {
  program
    .command('lsp')
    .description('Language server for flow files and the config (LSP over stdin/stdout): diagnostics as you type, go to definition, references, completion, hover, rename.')
    .option('--stdio', 'speak LSP over stdin/stdout (the default, and the only transport)')
    .option('-c, --config <file>', 'config file for every open file (default: the voxtra.config.* in the file\'s folder or the nearest parent)')
    .option('--debounce <duration>', 'quiet time after a keystroke before the app is checked again', '150ms')
    .action(async (opts: LspOptions) => {
      ctx.exitCode = await lsp(opts, ctx);
    });
}

async function lsp(opts: LspOptions, ctx: CliContext): Promise<number> {
  const debounceMs = parseDuration(opts.debounce);
  if (debounceMs === undefined) {
    ctx.io.stderr(`voxtra: --debounce "${opts.debounce}" is not a duration\n`);
    return EXIT.usage;
  }
  // Loaded here, not with the CLI: every other command would pay for the protocol library at start.
  const [{ createConnection }, { startLanguageServer }] = await Promise.all([import('vscode-languageserver/node'), import('../../lsp/server')]);
  // stdout carries the protocol: nothing else may write there while the server runs.
  const connection = createConnection(process.stdin, process.stdout);
  await startLanguageServer(connection, { debounceMs, clock: systemClock, env: ctx.io.env, cwd: ctx.io.cwd, ...(opts.config !== undefined ? { configPath: opts.config } : {}) });
  return EXIT.ok;
}
