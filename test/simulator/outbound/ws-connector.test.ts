import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AriSimulator, type OutboundWebSocketConfig } from '../../../src/simulator';
import { OutboundServer } from '../helpers/outbound-server';

const TLS = path.join(__dirname, '../fixtures/tls');
const AUTH = { authorization: `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}` };
const persistent = (port: number, scheme = 'ws'): OutboundWebSocketConfig => ({
  uri: `${scheme}://127.0.0.1:${port}/voxtra/persistent`,
  connectionType: 'persistent',
  apps: ['voxtra-out'],
  username: 'asterisk-out',
  password: 's3cret',
  reconnectIntervalMs: 1500,
  reconnectAttempts: 4,
});

describe('outbound WebSockets over a real network (ws connector)', () => {
  let sim: AriSimulator | undefined;
  let server: OutboundServer | undefined;
  afterEach(async () => {
    await sim?.stop();
    await server?.close();
    sim = undefined;
    server = undefined;
  });

  it("writes Asterisk's upgrade request: the configured path, seven headers in its order, Basic credentials, protocol ari", async () => {
    server = new OutboundServer('out');
    await server.listen();
    sim = await AriSimulator.start({ timeScale: 0.01, outbound: { 'voxtra-out': persistent(server.port) } });
    expect(await server.waitFor(() => server?.sockets[0]?.frames.length === 1)).toBe(true);
    const s = server.sockets[0];
    expect([s.method, s.path, s.httpVersion]).toEqual(['GET', '/voxtra/persistent', '1.1']);
    expect(s.rawHeaders.map(([k]) => k)).toEqual(['Sec-WebSocket-Version', 'Upgrade', 'Connection', 'Host', 'Authorization', 'Sec-WebSocket-Protocol', 'Sec-WebSocket-Key']);
    expect(Object.fromEntries(s.rawHeaders.filter(([k]) => k !== 'Sec-WebSocket-Key'))).toEqual({
      'Sec-WebSocket-Version': '13',
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      Host: `127.0.0.1:${server.port}`,
      Authorization: `Basic ${Buffer.from('asterisk-out:s3cret').toString('base64')}`,
      'Sec-WebSocket-Protocol': 'ari',
    });
    expect(s.ws?.protocol).toBe('ari');
    expect(s.frames[0]).toMatchObject({ type: 'ApplicationRegistered', application: 'voxtra-out' });
  });

  it('answers a close frame with the same code, reconnects at once, and is refused (401) until the server accepts again', async () => {
    server = new OutboundServer('out');
    await server.listen();
    sim = await AriSimulator.start({ timeScale: 0.01, outbound: { 'voxtra-out': persistent(server.port) } });
    await server.waitFor(() => server?.open.length === 1);
    server.mode = 401;
    server.sockets[0].ws?.close(1000, 'reconnect please');
    expect(await server.waitFor(() => (server?.sockets.length ?? 0) >= 5)).toBe(true);
    expect(server.sockets[0].closeCode).toBe(1000);
    expect(server.sockets.slice(1, 5).map((s) => s.outcome)).toEqual([{ refused: 401 }, { refused: 401 }, { refused: 401 }, { refused: 401 }]);
    server.mode = 'accept';
    expect(await server.waitFor(() => server?.open.length === 1)).toBe(true);
    await server.waitFor(() => (server?.open[0]?.frames.length ?? 0) > 0);
    expect(server.open[0].frames.map((f) => f.type)).toEqual(['ApplicationRegistered']);
    expect(sim.asteriskLog().some((e) => /failed after 4 tries: Unauthorized/.test(e.message))).toBe(true);
  });

  it('connects to wss:// with the configured CA, and not without it', async () => {
    server = new OutboundServer('tls', { key: readFileSync(path.join(TLS, 'server-key.pem'), 'utf8'), cert: readFileSync(path.join(TLS, 'server.pem'), 'utf8') });
    await server.listen();
    sim = await AriSimulator.start({ timeScale: 0.01 });
    sim.setOutbound('untrusted', { ...persistent(server.port, 'wss'), apps: ['voxtra-untrusted'] });
    sim.setOutbound('tls', { ...persistent(server.port, 'wss'), tls: { ca: readFileSync(path.join(TLS, 'ca.pem'), 'utf8') } });
    expect(await server.waitFor(() => server?.open.some((s) => s.frames.length > 0) ?? false)).toBe(true);
    const statuses = Object.fromEntries(sim.outbound().map((o) => [o.id, o.state]));
    expect(statuses.tls).toBe('connected');
    expect(statuses.untrusted).not.toBe('connected');
  });

  it('is set, listed and removed through the control API, and logs like Asterisk', async () => {
    server = new OutboundServer('out');
    await server.listen();
    sim = await AriSimulator.start({ timeScale: 0.01 });
    const put = await fetch(`${sim.url}/_voxtra/sim/outbound/voxtra-out`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify(persistent(server.port)) });
    expect(put.status).toBe(200);
    expect(await server.waitFor(() => server?.open.length === 1)).toBe(true);
    await server.waitFor(() => sim?.outbound()[0]?.state === 'connected');
    const list = (await (await fetch(`${sim.url}/_voxtra/sim/outbound`, { headers: AUTH })).json()) as Array<{ id: string; state: string }>;
    expect(list.map((o) => [o.id, o.state])).toEqual([['voxtra-out', 'connected']]);
    const bad = await fetch(`${sim.url}/_voxtra/sim/outbound/x`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ uri: 'http://nope', connectionType: 'persistent', apps: ['x'] }) });
    expect(bad.status).toBe(400);
    expect((await fetch(`${sim.url}/_voxtra/sim/outbound/voxtra-out`, { method: 'DELETE', headers: AUTH })).status).toBe(204);
    expect(await server.waitFor(() => server?.sockets[0].closeCode !== undefined)).toBe(true);
    expect(server.sockets[0].closeCode).toBe(1000);
    expect(server.sockets[0].frames.map((f) => f.type)).toEqual(['ApplicationRegistered', 'ApplicationUnregistered']);
    expect((await fetch(`${sim.url}/_voxtra/sim/outbound/voxtra-out`, { method: 'DELETE', headers: AUTH })).status).toBe(404);
    const log = (await (await fetch(`${sim.url}/_voxtra/sim/log`, { headers: AUTH })).json()) as { lines: string[] };
    expect(log.lines.find((l) => l.includes('Outbound websocket connected'))).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] NOTICE\[0\] ari\/ari_websockets\.c: voxtra-out: Outbound websocket connected to ws:\/\/127\.0\.0\.1:\d+\/voxtra\/persistent$/);
  });
});
