import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

/** Adds one command (with its options and action) to the program. */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;

/** A command by name, its module loaded only when needed. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CommandRegistrar>;
}

/**
 * Every `voxtra` command, in the order help lists them. A new command is one
 * file under commands/ and one line here. Modules load on demand, so
 * `voxtra validate` does not pay at start for the simulator, the runtime or
 * the graph renderer.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', load: async () => (await import('./validate')).registerValidate },
  { name: 'schema', load: async () => (await import('./schema')).registerSchema },
  { name: 'run', load: async () => (await import('./run')).registerRun },
  { name: 'call', load: async () => (await import('./call')).registerCall },
  { name: 'route', load: async () => (await import('./route')).registerRoute },
  { name: 'graph', load: async () => (await import('./graph')).registerGraph },
  { name: 'provision', load: async () => (await import('./provision')).registerProvision },
  { name: 'init', load: async () => (await import('./init')).registerInit },
  { name: 'test', load: async () => (await import('./test')).registerTest },
  { name: 'lsp', load: async () => (await import('./lsp')).registerLsp },
];

/**
 * The registrars a command line needs: the named command's alone when the
 * first argument names one, every command otherwise (help, version, a typo
 * that commander answers with the list).
 */
export async function registrarsFor(args: readonly string[], commands: readonly CommandEntry[] = COMMANDS): Promise<CommandRegistrar[]> {
  const first = args.find((a) => !a.startsWith('-'));
  const named = commands.find((c) => c.name === first);
  return Promise.all((named ? [named] : commands).map((c) => c.load()));
}
