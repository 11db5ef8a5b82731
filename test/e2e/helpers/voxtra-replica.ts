import { spawn, type ChildProcess } from 'node:child_process';
import { until } from './until';
import { BIN, childEnv, type LogLine } from './voxtra-process';

/** How a replica process ended. */
export interface ReplicaExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One `voxtra run --log-format json` process against a real (or simulated)
 * Asterisk it does not start itself: a replica of a scaled-out deployment.
 * Its config lives in `dir`; `opsUrl` is its `http.listen` server. The same
 * replica can be started again after it stopped ({@link restart}), as a
 * rolling deploy does; the log of every run is kept.
 */
export class VoxtraReplica {
  private out = '';
  private err = '';
  private child!: ChildProcess;
  private exitResult?: ReplicaExit;
  private exitedPromise!: Promise<ReplicaExit>;
  /** Where each run's output starts in {@link stdout}. */
  private readonly runStarts: number[] = [];

  private constructor(
    /** A name for messages (`replica 1`). */
    readonly name: string,
    readonly dir: string,
    readonly opsUrl: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Spawns `voxtra run` in `dir` (its voxtra.config.yaml) and resolves at once; see {@link waitReady}. */
  static spawn(opts: { name: string; dir: string; opsPort: number; env?: NodeJS.ProcessEnv }): VoxtraReplica {
    const replica = new VoxtraReplica(opts.name, opts.dir, `http://127.0.0.1:${opts.opsPort}`, { ...childEnv(), ...opts.env });
    replica.launch();
    return replica;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitResult === undefined;
  }

  get stdout(): string {
    return this.out;
  }

  /** The exit of the current run. */
  get exited(): Promise<ReplicaExit> {
    return this.exitedPromise;
  }

  /** The JSON log lines of every run so far (`run` picks one: 0 the first, -1 the latest). */
  logs(run?: number): LogLine[] {
    let text = this.out;
    if (run !== undefined) {
      const i = run < 0 ? this.runStarts.length + run : run;
      text = this.out.slice(this.runStarts[i], this.runStarts[i + 1]);
    }
    return text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
  }

  /** Channel ids this replica ran a flow for ("routed" lines), over every run. */
  routedCalls(): Set<string> {
    return new Set(this.logs().filter((l) => typeof l.callId === 'string' && String(l.msg).startsWith('routed')).map((l) => l.callId as string));
  }

  /** Log lines at warn or above. */
  problems(run?: number): LogLine[] {
    return this.logs(run).filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal');
  }

  /** Polls `find` (a few ms apart) until it returns something; fails with the replica's output when it exits or times out. */
  until<T>(find: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
    return until(find, `${what} (${this.name})`, {
      timeoutMs,
      abort: () => (this.exitResult ? `${this.name} exited (${JSON.stringify(this.exitResult)})` : undefined),
      context: () => this.tail(),
    });
  }

  /** Waits for a log line of the current run matching `match`. */
  waitForLog(match: (l: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine> {
    return this.until(() => this.logs(-1).find(match), what, timeoutMs);
  }

  /** `/readyz`: its status, or 0 when nothing answers. */
  async readyz(): Promise<number> {
    try {
      const res = await fetch(`${this.opsUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  /** Resolves once `/readyz` answers 200. */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    await this.until(async () => (await this.readyz()) === 200, '/readyz 200', timeoutMs);
  }

  /** The text of `/metrics`. */
  async metrics(): Promise<string> {
    const res = await fetch(`${this.opsUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
    return res.text();
  }

  /** Sends `signal` without waiting (see {@link exited}). */
  signal(signal: NodeJS.Signals): void {
    if (!this.exitResult) this.child.kill(signal);
  }

  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<ReplicaExit> {
    if (this.exitResult) return this.exitResult;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exitedPromise;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts the process again with the same folder and environment (after it stopped). */
  restart(): void {
    if (!this.exitResult) throw new Error(`${this.name} is still running`);
    this.launch();
  }

  /** Kills the process if it still runs (test clean-up, also after a failure). */
  async dispose(): Promise<void> {
    if (this.exitResult) return;
    this.child.kill('SIGKILL');
    await this.exitedPromise;
  }

  /** The last lines of output, for failure messages. */
  tail(lines = 40): string {
    return `--- ${this.name} stdout (last ${lines} lines) ---\n${this.out.split('\n').slice(-lines).join('\n')}\n--- stderr ---\n${this.err.slice(-4000)}`;
  }

  private launch(): void {
    this.exitResult = undefined;
    this.runStarts.push(this.out.length);
    const child = spawn(process.execPath, [BIN, 'run', '--log-format', 'json'], { cwd: this.dir, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.setEncoding('utf8').on('data', (t: string) => (this.out += t));
    child.stderr?.setEncoding('utf8').on('data', (t: string) => (this.err += t));
    this.exitedPromise = new Promise((resolve) =>
      child.on('close', (code, signal) => {
        this.exitResult = { code, signal };
        resolve(this.exitResult);
      }),
    );
  }
}

/** A counter or gauge's value in Prometheus text (`name{labels} value`); 0 when the series is absent. */
export function metricValue(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((p) => [p[1], p[2]]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) sum += Number(m[3]);
  }
  return sum;
}
