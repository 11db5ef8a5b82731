import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The layering rules of docs/architecture.md live in .dependency-cruiser.cjs and run in `npm run lint`;
// running them here too means CI (which runs the tests) enforces them.
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const FIXTURE = path.join(ROOT, 'test/fixtures/layering');

/** Runs the rules exactly as `npm run lint` does (its exit status is the number of errors) and lists `rule: from -> to`. */
function cruise(cwd: string): { status: number | null; violations: string[] } {
  const run = spawnSync(process.execPath, [CLI, 'src', '--config', CONFIG], { cwd, encoding: 'utf8', timeout: 60_000 });
  // `  error <rule>: <from> → <to>`; a cycle continues on the next lines, its first step is enough here.
  const violations = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) \u2192\s*(\S+)/gmu)].map(
    ([, rule, from, to]) => `${rule}: ${from} -> ${to.replace(/^(\.\.\/)+node_modules\/([^/]+)\/.*$/, '$2')}`,
  );
  return { status: run.status, violations };
}

describe('layering (dependency-cruiser, as in npm run lint)', () => {
  it('finds no forbidden import in src/', () => {
    const { status, violations } = cruise(ROOT);
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });

  it('fails on each kind of forbidden import', () => {
    const { status, violations } = cruise(FIXTURE);
    expect(status).toBe(14);
    expect([...violations].sort()).toEqual([
      'ari-client-in-adapter-only: src/runtime/uses-ari-client.ts -> ari-client',
      'chokidar-in-watcher-only: src/tts/watches.ts -> chokidar',
      'layer-interpretation: src/session/uses-simulator.ts -> src/simulator/sim.ts',
      'layer-language: src/routing/calls-ari.ts -> src/ari/transport.ts',
      'layer-language: src/schema/uses-testing.ts -> src/testing/run.ts',
      'layer-language: src/steps/uses-session.ts -> src/session/runner.ts',
      'layer-values: src/control/uses-session.ts -> src/session/runner.ts',
      'no-cycles: src/core/a.ts -> src/core/b.ts',
      'nothing-imports-the-cli: src/api/uses-cli.ts -> src/cli/main.ts',
      'pure-compiler-and-router: src/compiler/reads-files.ts -> fs',
      'pure-compiler-and-router: src/routing/calls-ari.ts -> src/ari/transport.ts',
      'runtime-never-imports-simulator: src/session/uses-simulator.ts -> src/simulator/sim.ts',
      'schema-not-test-runner: src/schema/uses-testing.ts -> src/testing/run.ts',
      'steps-below-session: src/steps/uses-session.ts -> src/session/runner.ts',
    ]);
  });
});
