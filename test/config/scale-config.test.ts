/** The scale-out keys of the config (docs: scale-config contract): listen servers, rest, broadcast pools, runtime.max_calls. */
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { normalizeBroadcast } from '../../src/config/broadcast-settings';
import { serversFromConfig } from '../../src/runtime/servers-from-config';
import { broadcastPools } from '../../src/runtime/broadcast-claims';
import { tempProject } from './temp-project';

const load = (yaml: string, env: Record<string, string> = {}) => loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': yaml }), env });

describe('scale-out config', () => {
  it('reads the contract\'s example: inbound with rest, a listen server, a broadcast pool, max_calls', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': `
ari:
  - name: pbx1
    url: http://pbx1:8088
    username: voxtra
    password: \${ARI_PASSWORD}
    rest: websocket
    max_requests: 64
  - name: edge
    listen: 0.0.0.0:8765
    path: /voxtra/
    username: asterisk
    password: \${VOXTRA_WS_PASSWORD}
    connection: persistent
    url: http://pbx1:8088
    ari_username: voxtra
    ari_password: \${ARI_PASSWORD}
    tls: { cert: tls/tls.crt, key: /etc/voxtra/tls.key }
    public_url: wss://voxtra.example.com:8765/voxtra
apps:
  - name: sales
    flows: flows/sales
    broadcast:
      instance: pod-7
      max_calls: 50
      timeout: 500ms
runtime:
  max_calls: 200
`,
    });
    const { config, diagnostics } = await loadConfig({ cwd, env: { ARI_PASSWORD: 'ari-pw', VOXTRA_WS_PASSWORD: 'ws-pw' } });
    expect(diagnostics).toEqual([]);
    expect(config?.ari).toEqual([
      { name: 'pbx1', url: 'http://pbx1:8088', username: 'voxtra', password: 'ari-pw', maxRequests: 64, rest: 'websocket' },
      {
        name: 'edge',
        url: 'http://pbx1:8088',
        username: 'asterisk',
        password: 'ws-pw',
        listen: { address: '0.0.0.0:8765', path: '/voxtra', connection: 'persistent', tls: { cert: path.join(cwd, 'tls/tls.crt'), key: '/etc/voxtra/tls.key' }, publicUrl: 'wss://voxtra.example.com:8765/voxtra' },
        ariUsername: 'voxtra',
        ariPassword: 'ari-pw',
      },
    ]);
    expect(config?.apps[0].broadcast).toEqual({ instance: 'pod-7', maxCalls: 50, timeoutMs: 500 });
    expect(config?.runtime.maxCalls).toBe(200);
    expect(broadcastPools(config?.apps ?? [])).toEqual([{ app: 'sales', stasisApp: 'sales-pod-7', maxCalls: 50 }]);
    const servers = serversFromConfig(config?.ari ?? [], (file) => Buffer.from(`pem of ${file}`));
    expect(servers[0]).toEqual({ name: 'pbx1', url: 'http://pbx1:8088', username: 'voxtra', password: 'ari-pw', maxInFlight: 64, rest: 'websocket' });
    expect(servers[1]).toEqual({
      name: 'edge',
      listen: {
        address: { host: '0.0.0.0', port: 8765 },
        path: '/voxtra',
        username: 'asterisk',
        password: 'ws-pw',
        connection: 'persistent',
        tls: { cert: Buffer.from(`pem of ${path.join(cwd, 'tls/tls.crt')}`), key: Buffer.from('pem of /etc/voxtra/tls.key') },
        http: { url: 'http://pbx1:8088', username: 'voxtra', password: 'ari-pw' },
      },
    });
  });

  it('defaults a listen server to path / and per_call, and a broadcast instance to the host name made fit for an app name', async () => {
    const { config, diagnostics } = await load('ari: { listen: "127.0.0.1:0", username: a, password: b }\napps:\n  - { name: sales, flows: flows, broadcast: {} }\n');
    expect(diagnostics).toEqual([]);
    expect(config?.ari[0]).toEqual({ name: 'default', username: 'a', password: 'b', listen: { address: '127.0.0.1:0', path: '/', connection: 'per_call' } });
    expect(config?.apps[0].broadcast?.instance).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(normalizeBroadcast({}, 'web 1/α.local')).toEqual({ instance: 'web-1--.local' });
  });

  it.each([
    ['neither url nor listen', 'ari: { username: u, password: p }\n', 'needs "url" (Voxtra connects to Asterisk) or "listen" (Asterisk connects to Voxtra)'],
    ['a listen server without the credentials Asterisk presents', 'ari: { listen: "0.0.0.0:8765" }\n', 'give the "username" and "password" Asterisk presents'],
    ['persistent without url', 'ari: { listen: "0.0.0.0:8765", username: a, password: b, connection: persistent }\n', 'a persistent connection needs "url"'],
    ['rest: http on a listen server', 'ari: { listen: "0.0.0.0:8765", username: a, password: b, rest: http }\n', '"rest: http" applies to servers with url only'],
    ['listen-only keys on a url server', 'ari: { url: "http://pbx:8088", connection: per_call }\n', '"connection" applies to a server with "listen" only'],
    ['a host name as listen address', 'ari: { listen: "voxtra.local:8765", username: a, password: b }\n', 'invalid listen address'],
    ['two servers on one address', 'ari:\n  - { name: a, listen: "0.0.0.0:8765", username: a, password: b }\n  - { name: b, listen: "0.0.0.0:8765", username: a, password: b }\n', 'as server a does'],
  ])('refuses %s, with the position', async (_what, yaml, message) => {
    const { config, diagnostics } = await load(yaml);
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => d.message).join('\n')).toContain(message);
    expect(diagnostics[0].line).toBeGreaterThan(0);
  });

  it('the schema refuses unknown values', async () => {
    const { diagnostics } = await load('ari: { listen: "0.0.0.0:8765", username: a, password: b, connection: sometimes }\nruntime: { max_calls: 0 }\n');
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['SCHEMA_VALUE']));
    expect(diagnostics.map((d) => d.path.join('.'))).toEqual(expect.arrayContaining(['ari.connection', 'runtime.max_calls']));
  });
});
