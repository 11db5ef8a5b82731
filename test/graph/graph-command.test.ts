import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { tempProject } from '../config/temp-project';
import { checkMermaid } from './mermaid-check';

const REPO = path.resolve(__dirname, '../..');

const PROJECT = {
  'voxtra.config.yaml': 'app: shop\nflows: flows/\n',
  'flows/main.yaml': [
    'routes:',
    '  - { name: sales, extension: "1000", flow: menu }',
    'default: menu',
    'flows:',
    '  menu:',
    '    - answer',
    '    - menu:',
    '        prompt: { say: "Press 1 for sales." }',
    '        options: { "1": [{ transfer_to_queue: sales }] }',
    '',
  ].join('\n'),
};

describe('voxtra graph', () => {
  it('prints the whole app as Mermaid by default', async () => {
    const r = await runCli(['graph'], { cwd: tempProject(PROJECT) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(checkMermaid(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('title: "app shop"');
    expect(r.stdout).toMatch(/n\d+>"route sales<br\/>extension #quot;1000#quot;"\]/);
    expect(r.stdout).toContain('[/"queue sales"\\]');
  });

  it('writes SVG when --out ends in .svg, and DOT with --format dot', async () => {
    const cwd = tempProject(PROJECT);
    const svg = await runCli(['graph', 'menu', '--out', 'out/menu.svg'], { cwd });
    expect(svg.code).toBe(0);
    expect(svg.stderr).toBe('wrote out/menu.svg (svg)\n');
    const text = readFileSync(path.join(cwd, 'out/menu.svg'), 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('>queue sales</text>');
    const dot = await runCli(['graph', 'menu', '-f', 'dot'], { cwd });
    expect(dot.stdout).toMatch(/^digraph voxtra \{\n/);
    expect(dot.stdout).toContain('label="app shop: flow menu"');
  });

  it('refuses an unknown flow or app with a usage error and a suggestion', async () => {
    const cwd = tempProject(PROJECT);
    const flow = await runCli(['graph', 'mnu'], { cwd });
    expect(flow.code).toBe(2);
    expect(flow.stderr).toBe('voxtra graph: app "shop" has no flow "mnu" (flows: menu). Did you mean "menu"?\n');
    const app = await runCli(['graph', '--app', 'shp'], { cwd });
    expect(app.code).toBe(2);
    expect(app.stderr).toContain('no app "shp" in the config (apps: shop). Did you mean "shop"?');
    expect((await runCli(['graph', '--format', 'png'], { cwd })).code).toBe(2);
  });

  it('asks for --app when the config has several apps', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': 'apps:\n  - { name: a, flows: a/ }\n  - { name: b, flows: b/ }\n',
      'a/main.yaml': 'default: [answer]\n',
      'b/main.yaml': 'default: [hangup]\n',
    });
    const r = await runCli(['graph'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the config declares 2 apps (a, b); pick one with --app');
    const b = await runCli(['graph', '--app', 'b'], { cwd });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('[/"hangup"\\]');
  });

  it('exits 1 and shows the errors when the flows do not compile', async () => {
    const r = await runCli(['graph'], { cwd: tempProject({ 'voxtra.config.yaml': 'app: x\nflows: flows/\n', 'flows/a.yaml': 'default: [sya]\n' }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('UNKNOWN_STEP');
  });

  it('docs/images/menu.svg is what `voxtra graph menu --format svg` draws for the shipped flows', async () => {
    const r = await runCli(['graph', 'menu', '--format', 'svg'], { cwd: REPO });
    expect(r.code).toBe(0);
    // Regenerate with: node bin/voxtra graph menu --out docs/images/menu.svg
    expect(readFileSync(path.join(REPO, 'docs/images/menu.svg'), 'utf8')).toBe(r.stdout);
  });
});
