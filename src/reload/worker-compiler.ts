import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadProjectOptions } from '../config/load-project';
import { compileOnThisThread, type CompiledProjectResult, type ProjectCompiler } from './project-compiler';
import { decodeResult, type EncodedResult } from './result-transfer';

/** A {@link ProjectCompiler} that runs in a worker thread; `close()` ends the worker. */
export interface WorkerCompiler extends ProjectCompiler {
  /** True when compiles run in a worker (false: the compiled worker file was not found, e.g. under ts-jest). */
  readonly inWorker: boolean;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: CompiledProjectResult): void;
  reject(err: Error): void;
}

/** The compiled worker entry beside this module (dist/reload/compile-worker.js). */
export function defaultWorkerFile(): string {
  return path.join(__dirname, 'compile-worker.js');
}

/**
 * Compiles in a long-lived worker thread, so loading, parsing, validating and
 * compiling a large project never blocks the event loop that runs calls.
 * The result arrives as JSON slices that the main thread parses a few at a
 * time (see result-transfer.ts).
 * A worker that dies is replaced on the next compile. Without the compiled
 * worker file (running from TypeScript sources) it compiles on this thread.
 */
export function createWorkerCompiler(workerFile = defaultWorkerFile()): WorkerCompiler {
  if (!existsSync(workerFile)) {
    return Object.assign((opts: LoadProjectOptions) => compileOnThisThread(opts), { inWorker: false, close: async () => undefined });
  }
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

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
      if (msg.encoded) decodeResult(msg.encoded).then(p.resolve, p.reject);
      else p.reject(new Error(`compile worker failed: ${msg.error ?? 'unknown error'}`));
    });
    w.on('error', (err) => {
      if (worker === w) worker = undefined;
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`compile worker exited with code ${code}`));
    });
    return w;
  };

  const compile = (opts: LoadProjectOptions): Promise<CompiledProjectResult> =>
    new Promise<CompiledProjectResult>((resolve, reject) => {
      worker ??= spawn();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // The environment is data here: a plain copy (process.env is not cloneable as such).
      worker.postMessage({ id, opts: { ...opts, env: { ...opts.env } } });
    });

  // Start the worker now: loading the compiler's modules takes a moment the first reload should not pay.
  worker = spawn();
  return Object.assign(compile, {
    inWorker: true,
    close: async () => {
      const w = worker;
      worker = undefined;
      failAll(new Error('compile worker closed'));
      if (w) await w.terminate();
    },
  });
}
