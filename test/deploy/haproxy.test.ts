import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { describeWithProgram } from '../helpers/describe-with-program';
import { freePorts, HAPROXY, HAPROXY_BIN, HAPROXY_EXAMPLE, HaproxyProcess, loopbackConfig, waitForNoSessions, type ReplicaPorts } from '../helpers/haproxy-process';

/** The example's directives by section (`backend voxtra_replicas` → its lines), comments removed. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (/^\S/.test(raw)) out.set(line, (current = []));
    else current.push(line.replace(/\s+/g, ' '));
  }
  return out;
}

describe('deploy/haproxy/haproxy.cfg: what per-call mode needs', () => {
  const cfg = sections(readFileSync(HAPROXY_EXAMPLE, 'utf8'));
  const defaults = cfg.get('defaults') ?? [];
  const backend = cfg.get('backend voxtra_replicas') ?? [];

  it('passes the WebSocket upgrade (mode http) and keeps a call\'s tunnel open for hours', () => {
    expect(defaults).toContain('mode http');
    const tunnel = defaults.find((l) => l.startsWith('timeout tunnel '));
    expect(tunnel).toBe('timeout tunnel 4h');
  });

  it('retries a refused connection on another replica and balances by open sockets', () => {
    expect(defaults).toEqual(expect.arrayContaining(['retries 3', 'option redispatch 1']));
    expect(defaults.find((l) => l.startsWith('retry-on '))).toMatch(/\bconn-failure\b.*\b503\b/);
    expect(backend).toContain('balance leastconn');
  });

  it('checks every replica\'s /readyz on its ops port and never cuts calls when one goes down', () => {
    expect(backend).toContain('option httpchk GET /readyz');
    const servers = backend.filter((l) => l.startsWith('server '));
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const s of servers) expect(s).toMatch(/^server \S+ \S+:8765 check port 9464$/);
    expect(backend.join('\n')).not.toContain('on-marked-down');
  });
});

describeWithProgram(HAPROXY, 'deploy/haproxy/haproxy.cfg with the real HAProxy', () => {
  it('is valid for `haproxy -c`', () => {
    const res = spawnSync(HAPROXY_BIN, ['-c', '-f', HAPROXY_EXAMPLE], { encoding: 'utf8' });
    expect(`${res.stdout}${res.stderr}`).toContain('Configuration file is valid');
    expect(res.status).toBe(0);
  });

  describe('in front of fake replicas', () => {
    const servers: http.Server[] = [];
    let haproxy: HaproxyProcess | undefined;
    let frontendPort = 0;
    let statsPort = 0;
    const upgrades: Array<{ url: string; authorization?: string; protocol?: string }> = [];
    let refusedWith503 = 0;

    async function listen(server: http.Server): Promise<number> {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    }
    const ops = (): Promise<number> => listen(http.createServer((_req, res) => res.end('{}')));

    beforeAll(async () => {
      // B: accepts the upgrade.
      const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => (p.has('ari') ? 'ari' : false) });
      const ok = http.createServer((_req, res) => res.writeHead(404).end());
      ok.on('upgrade', (req, socket, head) => {
        upgrades.push({ url: String(req.url), authorization: req.headers.authorization, protocol: String(req.headers['sec-websocket-protocol']) });
        wss.handleUpgrade(req, socket, head, (ws) => ws.send('ApplicationRegistered'));
      });
      const accepting: ReplicaPorts = { listen: await listen(ok), ops: await ops() };
      // C: accepted the connection just before it started draining, and answers the upgrade with 503.
      const draining = http.createServer();
      draining.on('upgrade', (_req, socket) => {
        refusedWith503++;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
      });
      const answers503: ReplicaPorts = { listen: await listen(draining), ops: await ops() };
      const refusedOps = await ops();
      // Last, so that no server above can take them: HAProxy's two ports, and A's closed listener.
      const [front, stats, closed] = (await freePorts(3)) as [number, number, number];
      frontendPort = front;
      statsPort = stats;
      // A: its listener is closed (SIGTERM'd or killed) while its health check still says ready.
      const refused: ReplicaPorts = { listen: closed, ops: refusedOps };

      const config = loopbackConfig({ frontendPort, statsPort: stats, replicas: [refused, accepting, answers503] });
      haproxy = await HaproxyProcess.start(config, frontendPort);
    });

    afterAll(async () => {
      await haproxy?.stop();
      for (const s of servers) s.close();
    });

    function open(pathAndQuery: string): Promise<string> {
      return new Promise((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${frontendPort}${pathAndQuery}`, 'ari', { headers: { authorization: 'Basic YXN0ZXJpc2s6c2VjcmV0' } });
        ws.once('message', (m) => {
          resolve(`open: ${String(m)}`);
          ws.close();
        });
        ws.once('unexpected-response', (_req, res) => resolve(`refused: ${res.statusCode}`));
        ws.once('error', (err) => resolve(`error: ${err.message}`));
      });
    }

    it('hands every upgrade to the replica that accepts, retrying the refused and the draining one', async () => {
      const results: string[] = [];
      for (let i = 0; i < 6; i++) {
        // `balance leastconn` picks by open sockets: a closed call whose server side HAProxy has not torn down yet
        // would still count against the good replica and steer every retry of the next call to the two bad ones.
        await waitForNoSessions(statsPort);
        results.push(await open(`/voxtra?call=${i}`));
      }
      expect(results).toEqual(Array.from({ length: 6 }, () => 'open: ApplicationRegistered'));
      // Asterisk's request reaches the replica as sent: path, query, Basic auth and the `ari` subprotocol.
      expect(upgrades).toHaveLength(6);
      expect(upgrades[0]).toEqual({ url: '/voxtra?call=0', authorization: 'Basic YXN0ZXJpc2s6c2VjcmV0', protocol: 'ari' });
      // Both bad replicas were tried: the 503 one answered, and HAProxy logged retries that were redispatched (`+N`).
      expect(refusedWith503).toBeGreaterThan(0);
      expect(haproxy?.log).toMatch(/ \d+\/\d+\/\d+\/\d+\/\+[1-3] /);
    });

    it('answers 404 for any other path without bothering a replica', async () => {
      const before = upgrades.length;
      expect(await open('/other')).toBe('refused: 404');
      expect(upgrades).toHaveLength(before);
    });
  });
});
