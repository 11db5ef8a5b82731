import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initProject } from '../../src/init';
import { YamlLanguageServer, type LspDiagnostic } from './lsp-client';

const REPO = path.resolve(__dirname, '../..');

/**
 * A project made by `voxtra init`, laid out as after `npm install --save-dev
 * voxtra`: node_modules/voxtra is this repository, so the modelines and the
 * VS Code settings point at the real schema files.
 */
function starter(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-editor-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(REPO, path.join(dir, 'node_modules/voxtra'), 'dir');
  return dir;
}

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

/** 0-based line of the first line containing `text` (LSP lines are 0-based). */
function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" not found`);
  return line;
}

const lines = (diags: readonly LspDiagnostic[]): number[] => [...new Set(diags.map((d) => d.range.start.line))].sort((a, b) => a - b);
const withoutModeline = (text: string): string => text.replace(/^# yaml-language-server: .*\n/, '');

describe('editor setup: yaml-language-server with the schemas voxtra init binds', () => {
  let dir: string;
  let server: YamlLanguageServer;

  beforeAll(async () => {
    dir = starter();
    const result = await initProject({ dir });
    expect(result).toMatchObject({ kind: 'created', schemas: { ref: 'node_modules/voxtra/schemas', reason: 'installed' } });
    server = new YamlLanguageServer(dir);
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the starter files as written have no diagnostics', async () => {
    for (const file of ['voxtra.config.yaml', 'flows/main.yaml', 'flows/main.test.yaml']) {
      expect([file, await server.open(file, read(dir, file))]).toEqual([file, []]);
    }
  });

  it('a flow with an unknown key and a wrong type: diagnostics at those lines (through the modeline)', async () => {
    const text = read(dir, 'flows/main.yaml').replace('timeout: 5s', 'timout: 5s').replace('attempts: 3', 'attempts: many');
    const diags = await server.open('flows/bad.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, 'timout:'), lineOf(text, 'attempts: many')]);
    expect(diags.find((d) => d.range.start.line === lineOf(text, 'timout:'))?.message).toMatch(/timout/);
    expect(diags.every((d) => d.source?.includes('Voxtra flow file'))).toBe(true);
  });

  it('a misspelt step name is flagged on its line', async () => {
    const text = read(dir, 'flows/main.yaml').replace('      - answer', '      - answr');
    const diags = await server.open('flows/typo.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, '- answr')]);
  });

  it('a config with a wrong value: the diagnostic is at its line', async () => {
    const text = read(dir, 'voxtra.config.yaml').replace('log: { level: info }', 'log: { level: loud }');
    // Another name: the clean voxtra.config.yaml is already open; the modeline binds any name.
    const diags = await server.open('staging.config.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, 'level: loud')]);
    expect(diags[0].message).toMatch(/info/);
    expect(diags[0].source).toMatch(/Voxtra configuration/);
  });

  it('a scenario file with an unknown key: the diagnostic is at its line', async () => {
    const text = read(dir, 'flows/main.test.yaml').replace('      queue: sales', '      queue: sales\n      queues: sales');
    const diags = await server.open('flows/other.test.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, 'queues: sales')]);
    expect(diags[0].source).toMatch(/Voxtra scenario file/);
  });
});

describe('editor setup: the VS Code settings (yaml.schemas) bind files without a modeline', () => {
  let dir: string;
  let server: YamlLanguageServer;

  beforeAll(async () => {
    dir = starter();
    await initProject({ dir });
    const settings = JSON.parse(read(dir, '.vscode/settings.json')) as { 'yaml.schemas': Record<string, string[]> };
    server = new YamlLanguageServer(dir, { schemas: settings['yaml.schemas'] });
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('binds flow files to the flow schema', async () => {
    const text = withoutModeline(read(dir, 'flows/main.yaml')).replace('attempts: 3', 'attempts: 0');
    const diags = await server.open('flows/main.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, 'attempts: 0')]);
    expect(diags[0].source).toMatch(/Voxtra flow file/);
  });

  it('binds scenario files to the scenario schema only (not also to the flow schema)', async () => {
    const clean = withoutModeline(read(dir, 'flows/main.test.yaml'));
    expect(await server.open('flows/main.test.yaml', clean)).toEqual([]);
    const text = clean.replace('outcome: transferred', 'outcome: teleported');
    const diags = await server.open('flows/more.test.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, 'outcome: teleported')]);
    expect(diags.every((d) => d.source?.includes('Voxtra scenario file'))).toBe(true);
  });

  it('binds the config file to the config schema', async () => {
    const text = withoutModeline(read(dir, 'voxtra.config.yaml')).replace('flows: flows/', 'flows: 42');
    const diags = await server.open('voxtra.config.yaml', text);
    expect(lines(diags)).toEqual([lineOf(text, 'flows: 42')]);
  });
});
