import { spawn } from 'node:child_process';
import { AbortError, type Clock } from '../core/clock';

/** Why a process was stopped before it finished on its own. */
export interface ProcessLimit {
  readonly kind: 'timeout' | 'output';
  /** `espeak-ng did not finish within 10000 ms`, `espeak-ng wrote more than 33554432 bytes`. */
  readonly message: string;
}

/** What a finished child process produced. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** Set when the child was killed for passing a limit (its output is then incomplete). */
  readonly limit?: ProcessLimit;
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
 * large. A limit is part of the result (`limit`); an abort rejects with
 * AbortError and a spawn failure (ENOENT) with the system error.
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
    let aborted: AbortError | undefined;
    let limit: ProcessLimit | undefined;
    let settled = false;

    const stop = (why: AbortError | ProcessLimit): void => {
      if (!aborted && !limit) {
        if (why instanceof AbortError) aborted = why;
        else limit = why;
      }
      child.kill('SIGKILL');
    };
    const onAbort = (): void => stop(new AbortError(undefined, opts.signal?.reason));
    const timer = opts.clock.setTimeout(() => stop({ kind: 'timeout', message: `${file} did not finish within ${opts.timeoutMs} ms` }), opts.timeoutMs);
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
      if (size > opts.maxStdoutBytes) stop({ kind: 'output', message: `${file} wrote more than ${opts.maxStdoutBytes} bytes` });
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += text.slice(0, MAX_STDERR_CHARS - stderr.length);
    });
    // A child that exits without reading all of stdin makes the write fail with EPIPE; its exit status tells the story.
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => finish(() => reject(aborted ?? err)));
    child.on('close', (code, signal) => {
      finish(() => (aborted ? reject(aborted) : resolve({ code, signal, stdout: Buffer.concat(chunks), stderr, ...(limit ? { limit } : {}) })));
    });
    child.stdin.end(opts.input);
  });
}
