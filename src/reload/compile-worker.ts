import { parentPort } from 'node:worker_threads';
import type { LoadProjectOptions } from '../config/load-project';
import { compileOnThisThread } from './project-compiler';
import { encodeResult } from './result-transfer';

/**
 * Worker-thread entry: loads and compiles the project off the main thread,
 * so a reload of a large configuration does not stall calls in progress.
 * One request at a time, `{ id, opts }` in, `{ id, encoded }` (see result-transfer.ts) or `{ id, error }` out.
 */
interface Request {
  readonly id: number;
  readonly opts: LoadProjectOptions;
}

parentPort?.on('message', (msg: Request) => {
  compileOnThisThread(msg.opts).then(
    (result) => parentPort?.postMessage({ id: msg.id, encoded: encodeResult(result) }),
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) }),
  );
});
