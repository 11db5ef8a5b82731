import { spawnSync } from 'node:child_process';

/** True when `command args...` runs and exits 0 here. */
export function programRuns(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** A program some tests need, whether it is here, and how to install it. */
export interface RequiredProgram {
  readonly name: string;
  readonly present: boolean;
  /** The message shown when it is missing: what to run. */
  readonly install: string;
}

/**
 * A describe block for tests that need an installed program. Without it, the
 * block fails with the install instructions when CI is set, and is skipped
 * with a printed notice otherwise.
 */
export function describeWithProgram(program: RequiredProgram, name: string, fn: () => void): void {
  if (program.present) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      it(`needs ${program.name}`, () => {
        throw new Error(program.install);
      });
    });
  } else {
    process.stderr.write(`\n[skipped] ${name}: ${program.install}\n`);
    describe.skip(name, fn);
  }
}
