import { loadConfig } from '../../src/config/load-config';
import { appSettings } from '../../src/config/app-settings';
import { tempProject } from './temp-project';

describe('config: http_services', () => {
  it('reads services with env-expanded secrets into the config and every app’s settings', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': 'app: shop\nhttp_services:\n  crm:\n    url: https://crm.example.com/api\n    headers: { Authorization: "Bearer ${CRM_TOKEN}" }\n    timeout: 1500ms\n  billing: { url: "http://10.0.0.5:8080" }\n',
    });
    const { config, diagnostics } = await loadConfig({ cwd, env: { CRM_TOKEN: 't0k' } });
    expect(diagnostics).toEqual([]);
    expect(config?.httpServices).toEqual({
      crm: { url: 'https://crm.example.com/api', headers: { Authorization: 'Bearer t0k' }, timeoutMs: 1500 },
      billing: { url: 'http://10.0.0.5:8080/', headers: {} },
    });
    if (!config) throw new Error('no config');
    expect(appSettings(config, config.apps[0]).httpServices).toBe(config.httpServices);
  });

  it('leaves the section out when the config has none', async () => {
    const { config } = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'app: shop\n' }), env: {} });
    expect(config?.httpServices).toBeUndefined();
  });

  it('the schema refuses other schemes (after env expansion), unknown keys and odd names', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': ['app: shop', 'http_services:', '  a: { url: "${A_URL}" }', '  "bad name": { url: "https://x/" }', '  e: { url: "https://x/", retries: 3 }', ''].join('\n'),
    });
    const { diagnostics } = await loadConfig({ cwd, env: { A_URL: 'ftp://files/' } });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual(expect.arrayContaining([['SCHEMA_VALUE', 3], ['SCHEMA_UNKNOWN_PROPERTY', 5]]));
    expect(diagnostics.some((d) => d.line === 4)).toBe(true);
  });

  it('reports what the schema cannot see, at the value’s line', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': [
        'app: shop',
        'http_services:',
        '  b: { url: "https://user:pw@crm.example.com/" }',
        '  c: { url: "https://crm.example.com/", timeout: 2m }',
        '  d: { url: "https://crm.example.com/", headers: { X-A: "${MULTI}" } }',
        '',
      ].join('\n'),
    });
    const { diagnostics } = await loadConfig({ cwd, env: { MULTI: 'a\r\nb' } });
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['SCHEMA_VALUE', 3, 'http service b: put credentials in headers, not in the URL'],
      ['SCHEMA_VALUE', 4, 'http service c: timeout must be more than 0 and at most 60s'],
      ['SCHEMA_VALUE', 5, 'http service d: header X-A holds a line break or control character'],
    ]);
  });
});
