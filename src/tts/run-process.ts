import { spawn } from 'node:child_process';
import { AbortError, type Clock } from '../core/clock';

/** What a finished child process produced. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Why a process was stopped before it finished on its own. */
export class ProcessLimitError extends Error {
  constructor(message: string, readonly limit: 'timeout' | 'output') {
    super(message);
    this.name = 'ProcessLimitError';
  }
}

export interface RunProcessOptions {
  /** Written to stdin, which is then closed. */
  readonly input: string | Buffer;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** The child is killed when stdout grows past this. */
  readonly maxStdoutBytes: number;
}

const MAX_STDERR_CHARS = 4000;

/**
 * Runs a program directly (no shell: arguments are an array, never parsed),
 * feeds it stdin, and collects its output. The child is killed when the
 * deadline on `clock` passes, when `signal` aborts or when its output grows too
 * large; spawn failures (ENOENT) reject with the system error.
 */
export function runProcess(file: string, args: readonly string[], opts: RunProcessOptions): Promise<ProcessResult> {
  return new Promise<ProcessResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new AbortError(undefined, opts.signal.reason));
      return;
    }
    const child = spawn(file, [...args], { shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: Error | undefined;
    let settled = false;

    const stop = (err: Error): void => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const onAbort = (): void => stop(new AbortError(undefined, opts.signal?.reason));
    const timer = opts.clock.setTimeout(() => stop(new ProcessLimitError(`${file} did not finish within ${opts.timeoutMs} ms`, 'timeout')), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      opts.clock.clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };

    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxStdoutBytes) stop(new ProcessLimitError(`${file} wrote more than ${opts.maxStdoutBytes} bytes`, 'output'));
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += text.slice(0, MAX_STDERR_CHARS - stderr.length);
    });
    // A child that exits without reading all of stdin makes the write fail with EPIPE; its exit status tells the story.
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => finish(() => reject(failure ?? err)));
    child.on('close', (code, signal) => {
      finish(() => (failure ? reject(failure) : resolve({ code, signal, stdout: Buffer.concat(chunks), stderr })));
    });
    child.stdin.end(opts.input);
  });
}
