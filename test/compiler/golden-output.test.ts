import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { goldenProject } from './golden-workload';

// `voxtra validate` on a generated project with problems of every stage, in
// each output format, byte for byte against the output the compiler gave
// before its speed work (test/fixtures/golden/, written by the code of that
// time). Optimisations must not change one diagnostic, position, hint, order
// or snapshot version. UPDATE_GOLDEN=1 rewrites the fixtures: only for a
// change that means to change the output, reviewed in the diff.
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
