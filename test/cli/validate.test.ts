import path from 'node:path';
import { tempProject } from '../config/temp-project';
import { runCli } from './run-cli';

const FIXTURES = path.join(__dirname, '../fixtures');
const fixture = (p: string): string => path.join(FIXTURES, p);

describe('voxtra validate', () => {
  it('exits 0 on a valid project and prints a summary', async () => {
    const r = await runCli(['validate'], { cwd: fixture('valid/yaml'), env: { ARI_PASSWORD: 'x' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^app voxtra: 2 files, ok, version [0-9a-f]{12}\nno problems\n$/);
  });

  it('exits 1 on errors and prints file:line:column  severity  CODE  message', async () => {
    const r = await runCli(['validate'], { cwd: fixture('invalid/UNKNOWN_STEP') });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('flows/main.yaml:5:7  error  UNKNOWN_STEP  unknown step "sya"');
    expect(r.stdout).toContain('Did you mean "say"?');
    expect(r.stdout).toContain('app voxtra: 1 file, not valid\n1 error\n');
  });

  it('exits 0 with warnings only, and 1 with --warnings-as-errors', async () => {
    const cwd = fixture('invalid/UNUSED_FLOW');
    expect((await runCli(['validate'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', '--warnings-as-errors'], { cwd })).code).toBe(1);
  });

  it('--format json prints only a JSON array', async () => {
    const r = await runCli(['validate', '--format', 'json'], { cwd: fixture('invalid/MERGE_CONFLICT') });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { code: string; file: string; line: number; column: number; path: string; related: { file: string }[] }[];
    expect(out.map((d) => [d.code, d.file, d.line, d.column, d.path, d.related[0].file])).toEqual([
      ['DUPLICATE_ROUTE_NAME', 'flows/b.yaml', 2, 5, 'routes[0]', 'flows/a.yaml'],
      ['DUPLICATE_DEFAULT', 'flows/b.yaml', 5, 10, 'default', 'flows/a.yaml'],
      ['DUPLICATE_FLOW', 'flows/b.yaml', 7, 3, 'flows.menu', 'flows/a.yaml'],
    ]);
  });

  it('--format github prints workflow commands', async () => {
    const r = await runCli(['validate', '-f', 'github'], { cwd: fixture('invalid/SHADOWED_ROUTE') });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('::warning file=flows/main.yaml,line=5,col=5,title=SHADOWED_ROUTE::route "new-york" can never match: route "all-us" takes every call it would\n');
  });

  it('takes flow paths from the command line', async () => {
    const cwd = tempProject({ 'a/main.yaml': 'default: [answer]\n', 'b/main.yaml': 'default: [answr]\n' });
    expect((await runCli(['validate', 'a'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', 'b/main.yaml'], { cwd })).code).toBe(1);
    expect((await runCli(['validate', 'a', 'b'], { cwd })).stdout).toContain('DUPLICATE_DEFAULT');
  });

  it('exits 2 when --config names a missing file', async () => {
    const r = await runCli(['validate', '--config', 'missing.yaml'], { cwd: tempProject({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('FILE_NOT_FOUND');
  });

  it('exits 2 on usage errors', async () => {
    const cwd = tempProject({});
    expect((await runCli(['validate', '--format', 'xml'], { cwd })).code).toBe(2);
    expect((await runCli(['validate', '--nope'], { cwd })).code).toBe(2);
    expect((await runCli(['frobnicate'], { cwd })).code).toBe(2);
    const multi = tempProject({ 'voxtra.config.yaml': 'apps:\n  - { name: a, flows: a/ }\n  - { name: b, flows: b/ }\n' });
    const r = await runCli(['validate', 'x/'], { cwd: multi });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one app/);
  });

  it('exits 1 when the config is invalid', async () => {
    const r = await runCli(['validate'], { cwd: fixture('invalid/ENV_UNDEFINED') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('voxtra.config.yaml:4:13  error  ENV_UNDEFINED');
  });

  it('prints help and the version with status 0', async () => {
    const cwd = tempProject({});
    const help = await runCli(['--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
    expect(help.stdout).toContain('schema');
    const version = await runCli(['--version'], { cwd });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
