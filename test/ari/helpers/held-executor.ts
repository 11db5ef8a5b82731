import type { ExecutorAnswer, RequestExecutor } from '../../../src/ari/request-pipeline';
import type { VoxtraError } from '../../../src/core/errors';

/** A request executor that holds every request until the test answers (`resolve`) or fails (`reject`) it, in order sent. */
export class HeldExecutor implements RequestExecutor {
  readonly pending: Array<{ resolve: (answer: ExecutorAnswer) => void; reject: (err: unknown) => void }> = [];

  send(): Promise<ExecutorAnswer> {
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  isLowerFailure(_err: unknown): _err is VoxtraError {
    return false;
  }
}
