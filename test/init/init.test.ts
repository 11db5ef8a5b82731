import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateSchemas, schemaRef } from '../../src/init';
import { runCli } from '../cli/run-cli';

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'voxtra-init-'));
const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
const STARTER = ['voxtra.config.yaml', 'flows/main.yaml', 'flows/main.test.yaml', '.vscode/settings.json', '.gitignore'];

describe('voxtra init', () => {
  it('writes a starter that passes voxtra validate and voxtra test right away', async () => {
    const parent = tempDir();
    const r = await runCli(['init', 'shop'], { cwd: parent });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 5)).toEqual(STARTER.map((f) => `created shop/${f}`));
    expect(r.stdout).toContain('editors find the schemas in node_modules/voxtra/schemas (there once you run `npm install --save-dev voxtra`)');
    const dir = path.join(parent, 'shop');
    const validate = await runCli(['validate', '--warnings-as-errors'], { cwd: dir });
    expect([validate.code, validate.stdout]).toEqual([0, expect.stringMatching(/^app voxtra: 1 file, ok, version [0-9a-f]{12}\nno problems\n$/)]);
    const test = await runCli(['test'], { cwd: dir });
    expect(test.stderr).toBe('');
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('3 scenarios: 3 passed');
    expect(test.stdout).toContain('7/7 steps (100%), 2/2 menu options (100%)');
    const graph = await runCli(['graph', 'main'], { cwd: dir });
    expect(graph.code).toBe(0);
    expect(graph.stdout).toContain('[/"queue sales"\\]');
  });

  it('binds the schemas with modelines relative to each file, and in .vscode/settings.json', async () => {
    const dir = tempDir();
    await runCli(['init'], { cwd: dir });
    expect(read(dir, 'voxtra.config.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/voxtra/schemas/voxtra.config.schema.json');
    expect(read(dir, 'flows/main.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/voxtra/schemas/flow.schema.json');
    expect(read(dir, 'flows/main.test.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/voxtra/schemas/scenario.schema.json');
    const settings = JSON.parse(read(dir, '.vscode/settings.json')) as Record<string, unknown>;
    expect(settings['yaml.schemas']).toEqual({
      './node_modules/voxtra/schemas/voxtra.config.schema.json': ['voxtra.config.yaml', 'voxtra.config.yml'],
      './node_modules/voxtra/schemas/flow.schema.json': ['flows/**/*.yaml', 'flows/**/*.yml', '!flows/**/*.test.yaml', '!flows/**/*.test.yml'],
      './node_modules/voxtra/schemas/scenario.schema.json': ['flows/**/*.test.yaml', 'flows/**/*.test.yml'],
    });
    expect(settings['json.schemas']).toEqual([
      { fileMatch: ['voxtra.config.json'], url: './node_modules/voxtra/schemas/voxtra.config.schema.json' },
      { fileMatch: ['flows/**/*.json'], url: './node_modules/voxtra/schemas/flow.schema.json' },
    ]);
  });

  it('refuses to overwrite existing files (writing nothing), unless --force', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'flows'));
    writeFileSync(path.join(dir, 'flows/main.yaml'), 'default: [answer]\n');
    const r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('voxtra init: flows/main.yaml already exists; nothing written (--force overwrites)\n');
    expect(read(dir, 'flows/main.yaml')).toBe('default: [answer]\n');
    expect(() => read(dir, 'voxtra.config.yaml')).toThrow();
    const forced = await runCli(['init', '--force', '--app', 'acme'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('overwrote flows/main.yaml\ncreated flows/main.test.yaml');
    expect(read(dir, 'voxtra.config.yaml')).toMatch(/^app: acme +# Stasis\(acme\) in the dialplan$/m);
    expect((await runCli(['validate'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['init', '--app', 'no spaces'], { cwd: tempDir() })).code).toBe(2);
  });

  it('--schemas names another folder or a URL', async () => {
    const dir = tempDir();
    await runCli(['init', '--schemas', '.voxtra/schemas'], { cwd: dir });
    expect(read(dir, 'flows/main.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../.voxtra/schemas/flow.schema.json');
    const url = tempDir();
    await runCli(['init', '--schemas', 'https://example.com/voxtra/schemas/'], { cwd: url });
    expect(read(url, 'flows/main.test.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=https://example.com/voxtra/schemas/scenario.schema.json');
  });
});

describe('locateSchemas', () => {
  function fakePackage(root: string): void {
    mkdirSync(path.join(root, 'schemas'), { recursive: true });
    writeFileSync(path.join(root, 'schemas/flow.schema.json'), '{}');
  }

  it('finds an installed voxtra in the folder or a parent', () => {
    const root = tempDir();
    fakePackage(path.join(root, 'node_modules/voxtra'));
    expect(locateSchemas(root, undefined, '/nowhere')).toEqual({ ref: 'node_modules/voxtra/schemas', reason: 'installed' });
    expect(locateSchemas(path.join(root, 'apps/ivr'), undefined, '/nowhere')).toEqual({ ref: '../../node_modules/voxtra/schemas', reason: 'installed' });
  });

  it('inside the Voxtra checkout that runs, points at its schemas/ folder', () => {
    const pkg = tempDir();
    fakePackage(pkg);
    expect(locateSchemas(path.join(pkg, 'examples/starter'), undefined, pkg)).toEqual({ ref: '../../schemas', reason: 'repository' });
    expect(schemaRef('../../schemas', 'flows', 'flow.schema.json')).toBe('../../../schemas/flow.schema.json');
  });

  it('elsewhere, names node_modules/voxtra/schemas for npm to provide', () => {
    expect(locateSchemas(tempDir(), undefined, tempDir())).toEqual({ ref: 'node_modules/voxtra/schemas', reason: 'to-install' });
  });
});
