import { main } from '../../src/cli/main';

/** What one in-process `voxtra` run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `voxtra <args>` in-process with captured output. */
export async function runCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'voxtra', ...args], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: opts.cwd,
    env: opts.env ?? {},
    isTTY: false,
  });
  return { code, stdout, stderr };
}
