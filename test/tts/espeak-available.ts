import { spawnSync } from 'node:child_process';

/** True when espeak-ng can be run here. */
export const ESPEAK_PRESENT = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

const INSTALL = 'espeak-ng is not installed: run `apt-get install -y espeak-ng` (Debian/Ubuntu) to run the espeak tests';

/**
 * A describe block for tests that need the real espeak-ng. Without it, the
 * block fails with install instructions when CI is set, and is skipped with a
 * printed notice otherwise.
 */
export function describeWithEspeak(name: string, fn: () => void): void {
  if (ESPEAK_PRESENT) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs espeak-ng', () => {
        throw new Error(INSTALL);
      });
    });
  } else {
    process.stderr.write(`\n[skipped] ${name}: ${INSTALL}\n`);
    describe.skip(name, fn);
  }
}
