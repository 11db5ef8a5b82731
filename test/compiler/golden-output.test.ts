import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { goldenProject } from './golden-workload';

// `voxtra validate` on a generated project with problems of every stage, in
// each output format, byte for byte against the output the compiler gave
// before its speed work (test/fixtures/golden/, written by the code of that
// time). Optimisations must not change one diagnostic, position, hint, order
// or snapshot version. UPDATE_GOLDEN=1 rewrites the fixtures: only for a
// change that means to change the output, reviewed in the diff.
const ROOT = path.join(__dirname, '../..');
const FIXTURES = path.join(__dirname, '../fixtures/golden');
const FORMATS = ['json', 'pretty', 'github'] as const;

describe('validate output stays byte-identical (golden workload)', () => {
  let dir: string;
  beforeAll(() => {
    dir = goldenProject();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(FORMATS)('--format %s', async (format) => {
    const r = await runCli(['validate', '--format', format], { cwd: dir });
    const fixture = path.join(FIXTURES, `validate.${format}.txt`);
    const got = `exit ${r.code}\n--- stderr\n${r.stderr}--- stdout\n${r.stdout}`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(fixture, got);
    expect(got).toBe(readFileSync(fixture, 'utf8'));
  });
});

describe('the build gives the same output (bin/voxtra: dist, precompiled validators)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
    dir = goldenProject();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/voxtra'), 'validate', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(`exit ${r.status}\n--- stderr\n${r.stderr}--- stdout\n${r.stdout}`).toBe(readFileSync(path.join(FIXTURES, 'validate.json.txt'), 'utf8'));
  });
});
