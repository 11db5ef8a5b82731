import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { tempProject } from './temp-project';
import { serversFromConfig } from '../../src/runtime/servers-from-config';

describe('loadConfig', () => {
  it('runs without a config file: one app "voxtra", flows/ and ARI_* settings', async () => {
    const cwd = tempProject({});
    const { config, diagnostics } = await loadConfig({ cwd, env: { ARI_URL: 'http://pbx:8088', ARI_USERNAME: 'u', ARI_PASSWORD: 'p' } });
    expect(diagnostics).toEqual([]);
    expect(config?.file).toBeUndefined();
    expect(config?.apps.map((a) => [a.name, a.flows, a.baseDir, a.queuesContext])).toEqual([['voxtra', ['flows'], cwd, 'voxtra-queues']]);
    expect(config?.ari).toEqual([{ name: 'default', url: 'http://pbx:8088', username: 'u', password: 'p' }]);
    expect(config?.log).toEqual({ level: 'info', format: 'auto' });
    expect(config?.runtime).toEqual({ maxStepsPerCall: 1000, maxCallDepth: 8, unknownChannels: { action: 'hangup' }, shutdown: { graceMs: 30_000, newCalls: { action: 'hangup' } } });
  });

  it('discovers voxtra.config.yaml before .yml, .toml and .json', async () => {
    const cwd = tempProject({ 'voxtra.config.json': '{"app": "from-json"}', 'voxtra.config.yaml': 'app: from-yaml\n', 'voxtra.config.toml': 'app = "from-toml"\n' });
    const { config } = await loadConfig({ cwd, env: {} });
    expect(config?.apps[0].name).toBe('from-yaml');
    expect(config?.displayFile).toBe('voxtra.config.yaml');
  });

  it('reads TOML and JSON configs', async () => {
    const toml = await loadConfig({ cwd: tempProject({ 'voxtra.config.toml': 'app = "t"\n[log]\nlevel = "debug"\n' }), env: {} });
    expect([toml.config?.apps[0].name, toml.config?.log.level]).toEqual(['t', 'debug']);
    const json = await loadConfig({ cwd: tempProject({ 'voxtra.config.json': '{"app": "j", "runtime": {"max_call_depth": 3}}' }), env: {} });
    expect([json.config?.apps[0].name, json.config?.runtime.maxCallDepth]).toEqual(['j', 3]);
  });

  it('uses --config relative to the working folder, with its folder as base for flows', async () => {
    const cwd = tempProject({ 'conf/prod.yaml': 'apps:\n  - name: a\n    flows: [a/, "b/*.yaml"]\n    queues: { context: a-queues }\n' });
    const { config } = await loadConfig({ cwd, configPath: 'conf/prod.yaml', env: {} });
    expect(config?.apps).toEqual([
      expect.objectContaining({ name: 'a', flows: ['a/', 'b/*.yaml'], baseDir: path.join(cwd, 'conf'), queuesContext: 'a-queues', source: expect.objectContaining({ file: 'conf/prod.yaml', line: 2, column: 5 }) }),
    ]);
  });

  it('reports a missing --config file as not found', async () => {
    const r = await loadConfig({ cwd: tempProject({}), configPath: 'nope.yaml', env: {} });
    expect(r.notFound).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['FILE_NOT_FOUND', 'nope.yaml']]);
  });

  it('reports a folder given as --config as FILE_READ_ERROR', async () => {
    const r = await loadConfig({ cwd: tempProject({ 'conf/x.yaml': '' }), configPath: 'conf', env: {} });
    expect(r.notFound).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FILE_READ_ERROR']);
  });

  it('expands ${NAME} in values, from the given env', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'ari:\n  url: ${ARI_URL:-http://127.0.0.1:8088}\n  username: voxtra\n  password: ${SECRET}\n' });
    const { config } = await loadConfig({ cwd, env: { SECRET: 's3cr$t' } });
    expect(config?.ari).toEqual([{ name: 'default', url: 'http://127.0.0.1:8088', username: 'voxtra', password: 's3cr$t' }]);
  });

  it('reports ENV_* problems at their line and column, in TOML too', async () => {
    const yaml = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'log:\n  level: info\nari:\n  url: http://x\n  password: "${NOPE}"\n' }), env: {} });
    expect(yaml.diagnostics.map((d) => [d.code, d.line, d.column, d.path])).toEqual([['ENV_UNDEFINED', 5, 13, ['ari', 'password']]]);
    const toml = await loadConfig({ cwd: tempProject({ 'voxtra.config.toml': '[ari]\nurl = "http://x"\npassword = "${BAD NAME}"\n' }), env: {} });
    expect(toml.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['ENV_SYNTAX', 3, 12]]);
  });

  it('names a list of ARI servers default, ari-2, ...', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'ari:\n  - url: http://a:8088\n  - url: http://b:8088\n    name: backup\n  - url: http://c:8088\n' });
    const { config } = await loadConfig({ cwd, env: {} });
    expect(config?.ari.map((s) => s.name)).toEqual(['default', 'backup', 'ari-3']);
  });

  it('takes max_requests per server, and refuses one that is not a positive whole number', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'ari:\n  - url: http://a:8088\n    max_requests: 64\n  - url: http://b:8088\n' });
    const { config } = await loadConfig({ cwd, env: {} });
    expect(config?.ari.map((s) => s.maxRequests)).toEqual([64, undefined]);
    expect(serversFromConfig(config?.ari ?? []).map((s) => s.maxInFlight)).toEqual([64, undefined]);
    const bad = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'ari:\n  url: http://a:8088\n  max_requests: 0\n' }), env: {} });
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.path])).toEqual([['SCHEMA_VALUE', 3, ['ari', 'max_requests']]]);
  });

  it('rejects unknown keys with a did-you-mean hint', async () => {
    const r = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'app: x\nflow: flows/\n' }), env: {} });
    expect(r.config).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([['SCHEMA_UNKNOWN_PROPERTY', 2, 1, 'Did you mean "flows"?']]);
  });

  it('refuses the single-app shorthand beside apps, and duplicate app names', async () => {
    const r = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'app: x\napps:\n  - { name: a, flows: a/ }\n  - { name: a, flows: b/ }\n' }), env: {} });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SCHEMA_INVALID', 1],
      ['DUPLICATE_APP', 4],
    ]);
  });

  it('gives each app the global queues context unless it sets its own', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'queues: { context: q }\napps:\n  - { name: a, flows: a/ }\n  - { name: b, flows: b/, queues: { context: qb } }\n' });
    const { config } = await loadConfig({ cwd, env: {} });
    expect(config?.apps.map((a) => a.queuesContext)).toEqual(['q', 'qb']);
  });
});
