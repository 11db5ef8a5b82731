import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlaceCallOptions, TranscriptEntry } from '../../../src/simulator';

/** The repository root and the real binary, as users run it (dist/ is built by `npm test`'s pretest). */
export const ROOT = path.resolve(__dirname, '../../..');
export const BIN = path.join(ROOT, 'bin/voxtra');

/** The shipped examples' HTTP router URL, replaced by a test server's in copies. */
export const SHIPPED_ROUTER_URL = 'http://127.0.0.1:8099/decision';

/** Time scale the end-to-end runtimes run at: 50 simulated ms per real ms. */
export const E2E_TIME_SCALE = 0.02;

/** One JSON log line of the runtime. */
export interface LogLine {
  /** pino's level label: trace, debug, info, warn, error, fatal. */
  readonly level: string;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** What a finished `voxtra` process printed and returned. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment of spawned CLIs: nothing from the test runner's own ARI settings leaks in. */
export function childEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NO_COLOR: '1' };
}

/**
 * A copy of the shipped project (voxtra.config.yaml + flows/) in a fresh
 * temporary folder, so parallel test files never share ports or state: the
 * ops server listens on port 0, and the HTTP router rule points at
 * `routerUrl` when given. `edit` may change each flow file's text.
 */
export function copyShippedProject(opts: { routerUrl?: string; edit?: (file: string, text: string) => string } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-e2e-'));
  const config = readFileSync(path.join(ROOT, 'voxtra.config.yaml'), 'utf8').replace(/listen:\s*127\.0\.0\.1:\d+/, 'listen: 127.0.0.1:0');
  writeFileSync(path.join(dir, 'voxtra.config.yaml'), config);
  mkdirSync(path.join(dir, 'flows'));
  for (const file of readdirSync(path.join(ROOT, 'flows'))) {
    let text = readFileSync(path.join(ROOT, 'flows', file), 'utf8');
    if (opts.routerUrl) text = text.split(SHIPPED_ROUTER_URL).join(opts.routerUrl);
    if (opts.edit) text = opts.edit(file, text);
    writeFileSync(path.join(dir, 'flows', file), text);
  }
  return dir;
}

/** Runs `voxtra <args>` to its end in `cwd`. */
export function runVoxtra(args: readonly string[], cwd: string, timeoutMs = 15_000): Promise<ProcessResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child, timeoutMs);
}

function collect(child: ChildProcess, timeoutMs: number): Promise<ProcessResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`voxtra ${child.spawnargs.slice(2).join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * A `voxtra run --simulator` child process and a client for its simulator's
 * control API (docs/simulator.md).
 */
export class VoxtraRun {
  private out = '';
  private err = '';
  private readonly exited: Promise<ProcessResult>;
  private exitResult?: ProcessResult;
  url = '';
  private auth = '';

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    /** Simulated ms per real ms of this run. */
    readonly timeScale: number,
  ) {
    child.stdout?.setEncoding('utf8').on('data', (t: string) => (this.out += t));
    child.stderr?.setEncoding('utf8').on('data', (t: string) => (this.err += t));
    this.exited = new Promise((resolve) =>
      child.on('close', (code, signal) => {
        this.exitResult = { code, signal, stdout: this.out, stderr: this.err };
        resolve(this.exitResult);
      }),
    );
  }

  /**
   * Spawns `voxtra run --simulator --sim-port 0 --time-scale <scale> --log-format json`
   * in `dir` and waits for the "connected to ARI" log line.
   */
  static async start(dir: string, opts: { timeScale?: number; args?: readonly string[] } = {}): Promise<VoxtraRun> {
    const timeScale = opts.timeScale ?? E2E_TIME_SCALE;
    const args = [BIN, 'run', '--simulator', '--sim-port', '0', '--time-scale', String(timeScale), '--log-format', 'json', ...(opts.args ?? [])];
    const run = new VoxtraRun(dir, spawn(process.execPath, args, { cwd: dir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] }), timeScale);
    await run.until(() => run.logs().some((l) => l.msg.startsWith('connected to ARI')), 15_000, 'the "connected to ARI" log line');
    const state = JSON.parse(readFileSync(path.join(dir, '.voxtra/simulator.json'), 'utf8')) as { url: string; username: string; password: string; pid: number };
    run.url = state.url;
    run.auth = `Basic ${Buffer.from(`${state.username}:${state.password}`).toString('base64')}`;
    return run;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  /** The JSON log lines printed so far. */
  logs(): LogLine[] {
    return this.out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
  }

  /** Log lines about one call (its `callId`). */
  callLogs(channelId: string): LogLine[] {
    return this.logs().filter((l) => l.callId === channelId);
  }

  /** Resolves once the runtime logged the end of the call. */
  async callEnded(channelId: string): Promise<LogLine> {
    let line: LogLine | undefined;
    await this.until(() => (line = this.callLogs(channelId).find((l) => typeof l.msg === 'string' && l.msg.startsWith('call ended'))) !== undefined, 10_000, `the end of call ${channelId} in the log`);
    return line as LogLine;
  }

  /** Places a call through the control API; returns its channel id. */
  async placeCall(opts: PlaceCallOptions): Promise<string> {
    const res = await this.control('POST', '/calls', opts);
    if (res.status !== 201) throw new Error(`placeCall answered ${res.status}: ${JSON.stringify(res.body)}`);
    return (res.body as { channelId: string }).channelId;
  }

  /** The caller's transcript once the channel is gone. */
  async waitForEnd(channelId: string): Promise<TranscriptEntry[]> {
    // The wait is in simulated ms: 10 real seconds.
    const res = await this.control('GET', `/calls/${encodeURIComponent(channelId)}/wait?timeoutMs=${Math.round(10_000 / this.timeScale)}`);
    if (res.status !== 200) throw new Error(`wait for ${channelId} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return (res.body as { entries: TranscriptEntry[] }).entries;
  }

  async transcript(channelId: string): Promise<TranscriptEntry[]> {
    const res = await this.control('GET', `/calls/${encodeURIComponent(channelId)}`);
    return (res.body as { entries: TranscriptEntry[] }).entries;
  }

  /** Polls the transcript until `ready(entries)` holds (a few ms apart), for reacting to what the caller hears. */
  async waitForTranscript(channelId: string, ready: (entries: TranscriptEntry[]) => boolean, what: string): Promise<TranscriptEntry[]> {
    let entries: TranscriptEntry[] = [];
    await this.until(async () => ready((entries = await this.transcript(channelId))), 10_000, what, 2);
    return entries;
  }

  async sendDtmf(channelId: string, digits: string): Promise<void> {
    const res = await this.control('POST', `/calls/${encodeURIComponent(channelId)}/dtmf`, { digits });
    if (res.status !== 204) throw new Error(`dtmf answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  async hangup(channelId: string): Promise<void> {
    const res = await this.control('POST', `/calls/${encodeURIComponent(channelId)}/hangup`);
    if (res.status !== 204) throw new Error(`hangup answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  async setEndpoint(endpoint: string, behaviour: Record<string, unknown>): Promise<void> {
    const res = await this.control('PUT', `/endpoints/${endpoint}`, behaviour);
    if (res.status !== 204) throw new Error(`setEndpoint answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  async stats(): Promise<{ activeChannels: number; placedCalls: number }> {
    return (await this.control('GET', '/stats')).body as { activeChannels: number; placedCalls: number };
  }

  /** `voxtra call <args>` in this run's folder (it finds the simulator through .voxtra/simulator.json). */
  call(args: readonly string[]): Promise<ProcessResult> {
    return runVoxtra(['call', ...args], this.dir);
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ProcessResult> {
    if (!this.exitResult) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the process if a test left it running and removes the folder. */
  async dispose(): Promise<void> {
    if (!this.exitResult) await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  get stateFileExists(): boolean {
    return existsSync(path.join(this.dir, '.voxtra/simulator.json'));
  }

  private async control(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}/_voxtra/sim${route}`, {
      method,
      headers: { authorization: this.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  private async until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 10): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check()) return;
      if (this.exitResult) throw new Error(`voxtra run exited (code ${this.exitResult.code}) while waiting for ${what}\nstdout: ${this.out}\nstderr: ${this.err}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstderr: ${this.err}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
