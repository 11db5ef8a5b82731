import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// The real binary, as users and CI run it (dist/ is built by `npm test`'s pretest).
const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/voxtra');

function run(args: string[], cwd: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ARI_PASSWORD: 'x' } });
  return { status: r.status, stdout: r.stdout };
}

describe('bin/voxtra', () => {
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
      spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
    }
  }, 120_000);

  it('exits 0 on a valid project and 1 on an invalid one', () => {
    expect(run(['validate'], path.join(ROOT, 'test/fixtures/valid/toml')).status).toBe(0);
    const bad = run(['validate', '--format', 'json'], path.join(ROOT, 'test/fixtures/invalid/GOTO_UNBOUNDED'));
    expect(bad.status).toBe(1);
    expect((JSON.parse(bad.stdout) as { code: string }[]).map((d) => d.code)).toEqual(['GOTO_UNBOUNDED']);
  });

  it('exits 2 on a usage error', () => {
    expect(run(['validate', '--config', 'nope.yaml'], ROOT).status).toBe(2);
  });
});
