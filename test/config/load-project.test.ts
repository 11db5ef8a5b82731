import path from 'node:path';
import { loadProject } from '../../src/config/load-project';
import { tempProject } from './temp-project';

const FLOW = 'default: [answer]\n';

describe('loadProject', () => {
  it('reads every flow file under a folder recursively, in path order, skipping other files', async () => {
    const cwd = tempProject({ 'flows/b.yaml': FLOW, 'flows/a/z.toml': 'default = "x"\n', 'flows/a.json': '{}', 'flows/notes.md': '#', 'flows/.hidden.yaml': FLOW, 'flows/node_modules/x.yaml': FLOW });
    const p = await loadProject({ cwd, env: {} });
    expect(p.apps).toHaveLength(1);
    expect(p.apps[0].files).toEqual(['flows/a.json', 'flows/a/z.toml', 'flows/b.yaml']);
    expect(p.apps[0].documents.map((d) => d.format)).toEqual(['json', 'toml', 'yaml']);
    expect(p.apps[0].absoluteFiles[0]).toBe(path.join(cwd, 'flows/a.json'));
  });

  it('accepts folders, files and globs, relative to the config file', async () => {
    const cwd = tempProject({
      'cfg/voxtra.config.yaml': 'app: x\nflows: [one/, two.yaml, "glob/*.toml"]\n',
      'cfg/one/a.yaml': FLOW,
      'cfg/two.yaml': FLOW,
      'cfg/glob/g.toml': 'default = "x"\n',
      'cfg/glob/g.yaml': FLOW,
    });
    const p = await loadProject({ cwd, configPath: 'cfg/voxtra.config.yaml', env: {} });
    expect(p.apps[0].files).toEqual(['cfg/glob/g.toml', 'cfg/one/a.yaml', 'cfg/two.yaml']);
  });

  it('never reads the config file as a flow file', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'flows: .\n', 'main.yaml': FLOW });
    const p = await loadProject({ cwd, env: {} });
    expect(p.apps[0].files).toEqual(['main.yaml']);
  });

  it('uses command-line paths as the flows of a single-app config, relative to the working folder', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'app: tenant\nflows: flows/\n', 'other/x.yaml': FLOW });
    const p = await loadProject({ cwd, paths: ['other'], env: {} });
    expect(p.apps.map((a) => [a.name, a.files])).toEqual([['tenant', ['other/x.yaml']]]);
  });

  it('refuses command-line paths with a multi-app config', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'apps:\n  - { name: a, flows: a/ }\n  - { name: b, flows: b/ }\n' });
    const p = await loadProject({ cwd, paths: ['x'], env: {} });
    expect(p.usageError).toMatch(/one app/);
    expect(p.apps).toEqual([]);
  });

  it('reports missing command-line paths without a position', async () => {
    const p = await loadProject({ cwd: tempProject({}), paths: ['nope/'], env: {} });
    expect(p.apps[0].diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['FILE_NOT_FOUND', undefined, undefined]]);
  });

  it('reports an app whose flows hold no flow file', async () => {
    const p = await loadProject({ cwd: tempProject({ 'flows/readme.txt': 'x' }), env: {} });
    expect(p.apps[0].diagnostics.map((d) => d.code)).toEqual(['NO_FLOW_FILES']);
  });

  it('reports files that are not UTF-8 and keeps the others', async () => {
    const cwd = tempProject({ 'flows/a.yaml': FLOW, 'flows/b.yaml': Buffer.from([0xff, 0xfe, 0x41, 0x00]) });
    const app = (await loadProject({ cwd, env: {} })).apps[0];
    expect(app.diagnostics.map((d) => [d.code, d.file])).toEqual([['FILE_READ_ERROR', 'flows/b.yaml']]);
    expect(app.documents.map((d) => d.file)).toEqual(['flows/a.yaml']);
    expect(app.files).toEqual(['flows/a.yaml', 'flows/b.yaml']);
  });

  it('gives no config for a config that does not validate, and loads its apps for their diagnostics only', async () => {
    const p = await loadProject({ cwd: tempProject({ 'voxtra.config.yaml': 'log: { level: loud }\n' }), env: {} });
    expect(p.config).toBeUndefined();
    expect(p.apps.map((a) => [a.name, a.diagnosticsOnly])).toEqual([['voxtra', true]]);
    expect(p.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['SCHEMA_VALUE', 'voxtra.config.yaml', 1]]);
  });

  it('carries the config into each app\'s settings', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'calendars: { office: { timezone: UTC, hours: { daily: "08:00-09:00" } } }\nruntime: { max_steps_per_call: 50 }\n', 'flows/a.yaml': FLOW });
    const p = await loadProject({ cwd, env: {} });
    const office = { timezone: 'UTC', week: Array.from({ length: 7 }, () => [[480, 540]]), holidays: [], closures: [] };
    expect(p.apps[0].settings).toEqual({ queuesContext: 'voxtra-queues', calendars: { office }, maxStepsPerCall: 50, maxCallDepth: 8 });
  });
});
