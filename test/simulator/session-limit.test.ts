import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { AriSimulator } from '../../src/simulator';

const AUTH = `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}`;

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

/** What a client sees on a connection: bytes received and whether the server closed it. */
function watch(s: Socket): { data: string; closed: boolean } {
  const seen = { data: '', closed: false };
  s.on('data', (c: Buffer) => (seen.data += c.toString()));
  s.on('close', () => (seen.closed = true));
  s.on('error', () => undefined);
  return seen;
}

describe('http.conf sessionlimit and session_keep_alive', () => {
  let sim: AriSimulator;
  afterEach(() => sim.stop());

  test('the 101st concurrent connection is accepted and closed at once, with no HTTP answer', async () => {
    sim = await AriSimulator.start();
    const port = Number(new URL(sim.url).port);
    const sockets = await Promise.all(Array.from({ length: 100 }, () => open(port)));
    await until(() => sim.stats().sessions.current === 100);

    const extra = await open(port);
    const seen = watch(extra);
    extra.write(`GET /ari/asterisk/ping HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\n\r\n`);
    await until(() => seen.closed);
    expect(seen.data).toBe('');
    expect(sim.stats().sessions).toMatchObject({ current: 100, peak: 100, refused: 1 });

    sockets[0].destroy();
    await until(() => sim.stats().sessions.current === 99);
    const again = await open(port);
    const ok = watch(again);
    again.write(`GET /ari/asterisk/ping HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\n\r\n`);
    await until(() => ok.data.includes('"ping":"pong"'));
    expect(ok.data.startsWith('HTTP/1.1 200 OK')).toBe(true);
    for (const s of [...sockets, again]) s.destroy();
  });

  test('idle keep-alive connections and events sockets count until they close; idle ones expire', async () => {
    sim = await AriSimulator.start({ keepAliveMs: 150 });
    const url = new URL(sim.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/ari/asterisk/ping', headers: { Authorization: AUTH }, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(sim.stats().sessions.current).toBe(1);

    const ws = new WebSocket(`ws://${url.host}/ari/events?app=voxtra&api_key=voxtra:voxtra`);
    await new Promise((r) => ws.once('open', r));
    expect(sim.stats().sessions.current).toBe(2);
    expect(sim.stats().eventSockets).toBe(1);

    await until(() => sim.stats().sessions.current === 1, 3000);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    await until(() => sim.stats().sessions.current === 0);
    expect(sim.stats().sessions.total).toBe(2);
    agent.destroy();
  });
});
