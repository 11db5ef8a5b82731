import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { systemClock, type Clock, type TimerHandle } from '../core/clock';
import type { LoadProjectOptions } from '../config/load-project';
import { compileOnThisThread, type CompiledProjectResult, type ProjectCompiler } from './project-compiler';
import { decodeResult, type EncodedResult } from './result-transfer';

/** A {@link ProjectCompiler} that runs in a worker thread; `close()` ends the worker. */
export interface WorkerCompiler extends ProjectCompiler {
  /** True when compiles run in a worker (false: the compiled worker file was not found, e.g. under ts-jest). */
  readonly inWorker: boolean;
  /** True while a worker thread exists (from the first compile until it has been idle for `idleMs`). */
  readonly running: boolean;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: CompiledProjectResult): void;
  reject(err: Error): void;
}

export interface WorkerCompilerOptions {
  /**
   * The worker ends after this long without a compile, and the next compile
   * starts a new one. Default 60 s.
   */
  readonly idleMs?: number;
  readonly clock?: Clock;
}

/** How long an unused compile worker is kept (see {@link WorkerCompilerOptions.idleMs}). */
export const DEFAULT_WORKER_IDLE_MS = 60_000;

/** The compiled worker entry beside this module (dist/reload/compile-worker.js). */
export function defaultWorkerFile(): string {
  return path.join(__dirname, 'compile-worker.js');
}

/**
 * Compiles in a worker thread, so loading, parsing, validating and compiling
 * a large project never blocks the event loop that runs calls. The result
 * arrives as JSON slices that the main thread parses a few at a time (see
 * result-transfer.ts).
 * The worker starts with the first compile and ends after `idleMs` without
 * one: an idle worker with the compiler loaded was 18-29 MiB of the
 * process's memory for as long as it ran, and reloads are rare; a reload
 * that starts one pays ~0.3 s more, as the first reload always did (it loads
 * the compiler there). A worker that dies is replaced on the next compile.
 * Without the compiled worker file (running from TypeScript sources) it
 * compiles on this thread.
 */
export function createWorkerCompiler(workerFile = defaultWorkerFile(), opts: WorkerCompilerOptions = {}): WorkerCompiler {
  if (!existsSync(workerFile)) {
    return Object.assign((project: LoadProjectOptions) => compileOnThisThread(project), { inWorker: false, running: false, close: async () => undefined });
  }
  const clock = opts.clock ?? systemClock;
  const idleMs = opts.idleMs ?? DEFAULT_WORKER_IDLE_MS;
  let worker: Worker | undefined;
  let idleTimer: TimerHandle | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const stopIdleTimer = (): void => {
    if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
    idleTimer = undefined;
  };
  // Once nothing is pending: the worker is ended after idleMs unless another compile comes first.
  const startIdleTimer = (): void => {
    stopIdleTimer();
    if (pending.size > 0 || worker === undefined) return;
    idleTimer = clock.setTimeout(() => {
      idleTimer = undefined;
      const idle = worker;
      if (idle === undefined || pending.size > 0) return;
      worker = undefined;
      void idle.terminate();
    }, idleMs);
  };

  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const spawn = (): Worker => {
    const w = new Worker(workerFile);
    // The worker must not keep the process alive after shutdown.
    w.unref();
    w.on('message', (msg: { id: number; encoded?: EncodedResult; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      startIdleTimer();
      if (msg.encoded) decodeResult(msg.encoded).then(p.resolve, p.reject);
      else p.reject(new Error(`compile worker failed: ${msg.error ?? 'unknown error'}`));
    });
    w.on('error', (err) => {
      if (worker !== w) return;
      worker = undefined;
      stopIdleTimer();
      failAll(err);
    });
    w.on('exit', (code) => {
      // An idle worker ended on purpose is no longer `worker`, and nothing was pending on it.
      if (worker !== w) return;
      worker = undefined;
      stopIdleTimer();
      failAll(new Error(`compile worker exited with code ${code}`));
    });
    return w;
  };

  const compile = (project: LoadProjectOptions): Promise<CompiledProjectResult> =>
    new Promise<CompiledProjectResult>((resolve, reject) => {
      stopIdleTimer();
      worker ??= spawn();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // The environment is data here: a plain copy (process.env is not cloneable as such).
      worker.postMessage({ id, opts: { ...project, env: { ...project.env } } });
    });
  // A getter, which Object.assign would read once.
  Object.defineProperty(compile, 'running', { get: () => worker !== undefined, enumerable: true });

  return Object.assign(compile as typeof compile & { readonly running: boolean }, {
    inWorker: true,
    close: async () => {
      const w = worker;
      worker = undefined;
      stopIdleTimer();
      failAll(new Error('compile worker closed'));
      if (w) await w.terminate();
    },
  });
}
