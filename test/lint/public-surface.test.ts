import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Each folder's index.ts is its public surface; scripts/check-public-surface.js (run by `npm run lint`)
// rejects an import from another folder of anything it does not export. Run here too, so CI enforces it.
const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/check-public-surface.js');
const FIXTURE = path.join(ROOT, 'test/fixtures/public-surface');

function check(cwd: string): { status: number | null; lines: string[] } {
  const run = spawnSync(process.execPath, [SCRIPT], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, lines: run.stdout.split('\n').filter((l) => l.startsWith('public-surface: ')) };
}

describe('public surface (each folder\'s index.ts, as in npm run lint)', () => {
  it('finds every import from another folder of src/ in that folder\'s index.ts', () => {
    const { status, lines } = check(ROOT);
    expect(lines).toEqual([]);
    expect(status).toBe(0);
  });

  it('rejects a name the barrel leaves out, a folder without a barrel and a whole-module import; allows public names and imports inside a folder', () => {
    const { status, lines } = check(FIXTURE);
    expect(lines.sort()).toEqual([
      'public-surface: src/index.ts -> src/core/semaphore.ts (permitsOf): not exported by src/core/index.ts',
      'public-surface: src/steps/uses-core.ts -> src/core/semaphore.ts (*): import named bindings from another folder (a side-effect, default or namespace import takes the whole module)',
      'public-surface: src/steps/uses-core.ts -> src/core/semaphore.ts (permitsOf): not exported by src/core/index.ts',
      'public-surface: src/steps/uses-core.ts -> src/nobarrel/helper.ts (*): src/nobarrel has no index.ts to declare what other folders may use',
    ]);
    expect(status).toBe(4);
  });
});
