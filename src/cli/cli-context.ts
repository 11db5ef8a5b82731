/** Where a command reads and writes; tests pass their own to capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours, pretty logs). */
  readonly isTTY: boolean;
}

/** Shared state of one CLI run: the io, and the exit status the command sets. */
export interface CliContext {
  readonly io: CliIo;
  exitCode: number;
}

/** Exit statuses: 0 clean (or warnings only), 1 problems found, 2 usage errors. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** The process's own io. */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}
