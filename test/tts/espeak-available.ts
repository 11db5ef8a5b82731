import { describeWithProgram, programRuns } from '../helpers/describe-with-program';

/** True when espeak-ng can be run here. */
export const ESPEAK_PRESENT = programRuns('espeak-ng', ['--version']);

const ESPEAK = {
  name: 'espeak-ng',
  present: ESPEAK_PRESENT,
  install: 'espeak-ng is not installed: run `apt-get install -y espeak-ng` (Debian/Ubuntu) to run the espeak tests',
};

/**
 * A describe block for tests that need the real espeak-ng. Without it, the
 * block fails with install instructions when CI is set, and is skipped with a
 * printed notice otherwise.
 */
export function describeWithEspeak(name: string, fn: () => void): void {
  describeWithProgram(ESPEAK, name, fn);
}
