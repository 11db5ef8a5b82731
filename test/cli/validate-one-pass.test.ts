import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './run-cli';

// The new user: one file with a misspelt step, a route to a flow that
// does not exist, a regex that does not compile and a goto to a missing label.
// One run of `voxtra validate` must report all four, each at its place.

const ROOT = path.join(__dirname, '../..');
const fixture = (name: string): string => path.join(ROOT, 'test/fixtures/invalid', name);

const FOUR = [
  { line: 8, column: 11, code: 'UNKNOWN_FLOW', message: 'A route names flow "sales", which does not exist' },
  { line: 10, column: 22, code: 'INVALID_REGEX', message: 'invalid regex: /^+44/: Nothing to repeat' },
  { line: 16, column: 7, code: 'UNKNOWN_STEP', message: 'unknown step "sya"' },
  { line: 19, column: 7, code: 'UNKNOWN_LABEL', message: 'goto names label "mneu", which flow "support" does not have' },
];

describe('voxtra validate finds every problem in one pass', () => {
  it('prints all four problems with their places (pretty), exit 1', async () => {
    const r = await runCli(['validate'], { cwd: fixture('ONE_PASS_YAML') });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => /^flows\//.test(l));
    expect(lines).toEqual(FOUR.map((d) => `flows/main.yaml:${d.line}:${d.column}  error  ${d.code}  ${d.message}`));
    expect(r.stdout).toContain('app voxtra: 1 file, not valid\n4 errors\n');
  });

  it('prints all four as JSON, exit 1', async () => {
    const r = await runCli(['validate', '--format', 'json'], { cwd: fixture('ONE_PASS_YAML') });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { code: string; file: string; line: number; column: number; message: string }[];
    expect(out.map((d) => ({ line: d.line, column: d.column, code: d.code, message: d.message }))).toEqual(FOUR);
    expect(out.every((d) => d.file === 'flows/main.yaml')).toBe(true);
  });

  it('prints all four as GitHub workflow commands, exit 1', async () => {
    const r = await runCli(['validate', '-f', 'github'], { cwd: fixture('ONE_PASS_YAML') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(FOUR.map((d) => `::error file=flows/main.yaml,line=${d.line},col=${d.column},title=${d.code}::${d.message}\n`).join(''));
  });

  it('checks the flows of a config with errors and says why a clean app is not valid', async () => {
    const r = await runCli(['validate'], { cwd: fixture('ENV_UNDEFINED') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('app voxtra: 1 file, not valid (the config has errors)\n1 error\n');
    const c = await runCli(['validate', '-f', 'json'], { cwd: fixture('ONE_PASS_CONFIG') });
    expect((JSON.parse(c.stdout) as { code: string; file: string }[]).map((d) => `${d.file}:${d.code}`)).toEqual([
      'flows/main.yaml:UNKNOWN_CALENDAR',
      'flows/main.yaml:UNKNOWN_HTTP_SERVICE',
      'flows/main.yaml:UNKNOWN_STEP',
      'voxtra.config.yaml:SCHEMA_VALUE',
      'voxtra.config.yaml:SCHEMA_VALUE',
      'voxtra.config.yaml:SCHEMA_UNKNOWN_PROPERTY',
      'voxtra.config.yaml:SCHEMA_UNKNOWN_PROPERTY',
    ]);
  });

  it.each([
    ['ONE_PASS_TOML', 'flows/main.toml', [[12, 8], [16, 16], [23, 1], [31, 1]]],
    ['ONE_PASS_JSON', 'flows/main.json', [[4, 52], [5, 53], [11, 9], [14, 7]]],
  ])('does the same for %s', async (name, file, places) => {
    const r = await runCli(['validate', '--format', 'json'], { cwd: fixture(name) });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { code: string; file: string; line: number; column: number }[];
    expect(out.map((d) => [d.file, d.code, d.line, d.column])).toEqual(FOUR.map((d, i) => [file, d.code, ...places[i]]));
  });

  it('does the same through the real binary', () => {
    if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
      spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
    }
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/voxtra'), 'validate', '--format', 'json'], { cwd: fixture('ONE_PASS_YAML'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { code: string; line: number; column: number }[]).map((d) => [d.code, d.line, d.column])).toEqual(FOUR.map((d) => [d.code, d.line, d.column]));
  }, 120_000);
});
