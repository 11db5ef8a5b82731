import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { programRuns, type RequiredProgram } from './describe-with-program';

/** The shipped example config. */
export const HAPROXY_EXAMPLE = path.resolve(__dirname, '../../deploy/haproxy/haproxy.cfg');

/** The haproxy binary: on the PATH, or where Debian puts it (/usr/sbin is not on a user's PATH). */
export const HAPROXY_BIN = programRuns('haproxy', ['-v']) ? 'haproxy' : '/usr/sbin/haproxy';

/** HAProxy, for the tests of deploy/haproxy (CI installs it: .ci/run). */
export const HAPROXY: RequiredProgram = {
  name: 'haproxy',
  present: programRuns(HAPROXY_BIN, ['-v']),
  install: 'haproxy is not installed: run `apt-get install -y haproxy` (Debian/Ubuntu; .ci/run does it) to run the HAProxy tests',
};

/** One replica as the example's `server` line names it: its `listen` port and its ops (`http.listen`) port. */
export interface ReplicaPorts {
  readonly listen: number;
  readonly ops: number;
}

/**
 * The example config with every address on the loopback: the frontend on
 * `frontendPort`, the stats page on `statsPort`, and one `server` line per
 * replica instead of the example's.
 */
export function loopbackConfig(opts: { frontendPort: number; statsPort: number; replicas: readonly ReplicaPorts[] }): string {
  const servers = opts.replicas.map((r, i) => `    server voxtra${i + 1} 127.0.0.1:${r.listen} check port ${r.ops}`).join('\n');
  let replaced = false;
  return readFileSync(HAPROXY_EXAMPLE, 'utf8')
    .replace(/^(\s*bind )\S*:8765\b/m, `$1127.0.0.1:${opts.frontendPort}`)
    .replace(/^(\s*bind )127\.0\.0\.1:8404\b/m, `$1127.0.0.1:${opts.statsPort}`)
    .replace(/^\s*server \S+ .*$\n?/gm, () => {
      if (replaced) return '';
      replaced = true;
      return `${servers}\n`;
    });
}

/**
 * `n` distinct ports nothing listens on right now (the kernel's picks, all
 * held until every one is chosen, then closed): HAProxy binds fixed ports.
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => net.createServer());
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/** `haproxy -db -f <config>` in the foreground, with its log collected. */
export class HaproxyProcess {
  private out = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    child.stdout?.setEncoding('utf8').on('data', (t: string) => (this.out += t));
    child.stderr?.setEncoding('utf8').on('data', (t: string) => (this.out += t));
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  }

  /** Starts HAProxy with `config` and resolves once `port` accepts connections. */
  static async start(config: string, port: number): Promise<HaproxyProcess> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-haproxy-'));
    const file = path.join(dir, 'haproxy.cfg');
    writeFileSync(file, config);
    const proc = new HaproxyProcess(spawn(HAPROXY_BIN, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] }), dir);
    const deadline = Date.now() + 5000;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) {
        await proc.stop();
        throw new Error(`haproxy did not listen on ${port}:\n${proc.log}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return proc;
  }

  /** What HAProxy printed (its log goes to stdout). */
  get log(): string {
    return this.out;
  }

  /** Stops it (SIGTERM, SIGKILL after 5 s) and removes its folder. */
  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One server line of HAProxy's stats (`/;csv`): its name and `status` (`UP`, `DOWN`, `UP 1/2`, `MAINT`, ...). */
export interface BackendServerState {
  readonly name: string;
  readonly status: string;
  /** Sessions it was given so far (`stot`). */
  readonly sessions: number;
  /** Sessions open on it now (`scur`). */
  readonly current: number;
}

/** The servers of `backend` as the stats page on `statsPort` reports them now (health checks included). */
export async function backendServers(statsPort: number, backend = 'voxtra_replicas'): Promise<BackendServerState[]> {
  const res = await fetch(`http://127.0.0.1:${statsPort}/;csv`, { signal: AbortSignal.timeout(2000) });
  const [header, ...rows] = (await res.text()).trim().split('\n');
  const cols = header.replace(/^# /, '').split(',');
  const at = (row: string[], col: string): string => row[cols.indexOf(col)] ?? '';
  return rows
    .map((r) => r.split(','))
    .filter((r) => at(r, 'pxname') === backend && at(r, 'svname') !== 'BACKEND' && at(r, 'svname') !== 'FRONTEND')
    .map((r) => ({ name: at(r, 'svname'), status: at(r, 'status'), sessions: Number(at(r, 'stot')), current: Number(at(r, 'scur')) }));
}

/** Polls HAProxy's stats until every named server has `status` exactly (e.g. `UP`, or `DOWN`). */
export async function waitForServers(statsPort: number, want: Readonly<Record<string, string>>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: BackendServerState[] = [];
  for (;;) {
    seen = await backendServers(statsPort).catch(() => []);
    if (Object.entries(want).every(([name, status]) => seen.find((s) => s.name === name)?.status === status)) return;
    if (Date.now() > deadline) throw new Error(`HAProxy servers never reached ${JSON.stringify(want)}: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls HAProxy's stats until no server of the backend has a session open. */
export async function waitForNoSessions(statsPort: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: BackendServerState[] = [];
  for (;;) {
    seen = await backendServers(statsPort).catch(() => []);
    if (seen.length > 0 && seen.every((s) => s.current === 0)) return;
    if (Date.now() > deadline) throw new Error(`HAProxy still counts open sessions: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
