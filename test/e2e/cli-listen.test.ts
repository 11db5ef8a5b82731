/**
 * `voxtra run` with a `listen` server, driven by a fake Asterisk that opens
 * per-call connections as Asterisk 22 does (trace outbound-per-call):
 * calls run over REST on their socket; /readyz reports the listener; on
 * SIGTERM the listening socket closes and /readyz turns 503 at once, the
 * call in progress finishes, then the process exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import { tempProject } from '../config/temp-project';
import type { FakeAsteriskConnection } from '../ari/helpers/fake-asterisk';
import { listenFlows, perCall } from '../runtime/helpers/fake-asterisk-calls';
import { BIN, childEnv, type LogLine } from './helpers/voxtra-process';

const AUTH = { username: 'asterisk', password: 'ws-secret' };

const FLOWS = listenFlows('1500ms');

class Run {
  out = '';
  err = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (t: string) => (this.out += t));
    child.stderr?.setEncoding('utf8').on('data', (t: string) => (this.err += t));
    this.exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  }
  logs(): LogLine[] {
    return this.out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
  }
  async until<T>(find: () => T | undefined, what: string, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout: ${this.out}\nstderr: ${this.err}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function readyz(opsUrl: string): Promise<{ status: number; body: { ready: boolean; draining?: boolean; servers: Array<Record<string, unknown>> } }> {
  const res = await fetch(`${opsUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as never };
}

describe('voxtra run with a listen server', () => {
  let dir: string;
  let run: Run;
  let wsUrl: string;
  let opsUrl: string;
  const conns: FakeAsteriskConnection[] = [];

  beforeAll(async () => {
    dir = tempProject({
      'voxtra.config.yaml': `app: shop\nflows: flows/\nhttp: { listen: 127.0.0.1:0 }\nari:\n  - name: edge\n    listen: 127.0.0.1:0\n    path: /voxtra\n    username: asterisk\n    password: \${VOXTRA_WS_PASSWORD}\nruntime: { shutdown: { grace: 10s } }\n`,
      'flows/main.yaml': FLOWS,
    });
    run = new Run(spawn(process.execPath, [BIN, 'run', '--log-format', 'json'], { cwd: dir, env: { ...childEnv(), VOXTRA_WS_PASSWORD: AUTH.password }, stdio: ['ignore', 'pipe', 'pipe'] }));
    wsUrl = await run.until(() => run.logs().find((l) => l.msg.startsWith('listening for Asterisk outbound'))?.url as string | undefined, 'the listener');
    opsUrl = await run.until(() => run.logs().find((l) => l.msg === 'ops server listening')?.url as string | undefined, 'the ops server');
    await run.until(() => run.logs().find((l) => l.msg.startsWith('connected to ARI')), 'the start');
  });

  afterAll(async () => {
    for (const c of conns) c.terminate();
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await run.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(channelId: string, extension: string): Promise<FakeAsteriskConnection> {
    const c = await perCall(wsUrl, 'shop', channelId, extension, AUTH);
    conns.push(c);
    return c;
  }

  it('logs the mode of the server at start and reports the listener as ready', async () => {
    expect(run.logs().find((l) => l.msg.startsWith('ARI server edge:'))?.msg).toBe('ARI server edge: Asterisk connects to Voxtra (a connection per call); REST requests over each connection');
    const { status, body } = await readyz(opsUrl);
    expect(status).toBe(200);
    expect(body.servers).toEqual([expect.objectContaining({ name: 'edge', state: 'listening', rest: 'websocket' })]);
  });

  it('runs a call that arrives on a per-call connection, over REST on that socket', async () => {
    const c = await call('1796551631.115053', '1000');
    await run.until(() => run.logs().find((l) => l.callId === '1796551631.115053' && String(l.msg).startsWith('call ended')), 'the end of the call');
    expect(c.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/1796551631.115053/answer', 'POST /ari/channels/1796551631.115053/play', 'DELETE /ari/channels/1796551631.115053']);
    c.close(1000);
  });

  it('refuses wrong credentials', async () => {
    const err = await perCall(wsUrl, 'shop', '9.9', '1000', { ...AUTH, password: 'wrong' }).then(
      () => undefined,
      (e: { status?: number }) => e,
    );
    expect(err?.status).toBe(401);
  });

  it('SIGTERM: the listener closes and /readyz turns 503 at once; the call in progress finishes; exit 0', async () => {
    const c = await call('2.2', '2000');
    await run.until(() => run.logs().find((l) => l.callId === '2.2' && String(l.msg).startsWith('routed')), 'the call to start');
    const port = Number(new URL(wsUrl).port);
    run.child.kill('SIGTERM');
    await run.until(() => run.logs().find((l) => String(l.msg).startsWith('stopped accepting Asterisk connections')), 'the listener to close', 5000);
    const { status, body } = await readyz(opsUrl);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ready: false, draining: true });
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve('connected')));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    const exit = await run.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(c.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(run.logs().find((l) => l.callId === '2.2' && String(l.msg).startsWith('call ended'))).toMatchObject({ outcome: 'hung_up' });
    expect(run.logs().find((l) => l.msg === 'runtime stopped')).toMatchObject({ inProgress: 1, finished: 1, hungUp: 0 });
  });
});
