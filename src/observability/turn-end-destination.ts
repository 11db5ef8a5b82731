import * as fs from 'node:fs';

/** What the destination needs from the process: a file descriptor writer and a scheduler (tests inject both). */
export interface TurnEndIo {
  /** Writes `data` (text as UTF-8); returns the number of bytes written. */
  writeSync(fd: number, data: string | Buffer): number;
  /** Runs `fn` at the end of this event-loop turn (after the I/O callbacks that logged). */
  atTurnEnd(fn: () => void): void;
  /** Runs `fn` after `ms` (a full pipe is retried, not waited for). */
  later(fn: () => void, ms: number): void;
}

const NODE_IO: TurnEndIo = {
  writeSync: (fd, data) => (typeof data === 'string' ? fs.writeSync(fd, data, null, 'utf8') : fs.writeSync(fd, data)),
  atTurnEnd: (fn) => void setImmediate(fn),
  later: (fn, ms) => void setTimeout(fn, ms).unref(),
};

/** How long a full pipe is left before the next try. */
const RETRY_MS = 10;

/**
 * A log destination that writes the lines of one event-loop turn with one
 * synchronous `write` at the end of that turn.
 *
 * Why not pino's own destination (sonic-boom): its asynchronous mode sends
 * every write through libuv's thread pool, which costs a thread wake-up, a
 * completion wake-up and the pool thread's time per line (bench/session,
 * logging to /dev/null: 162 -> 136 us of CPU per call, two lines per call); its
 * synchronous mode writes each line before the code that logged it can send
 * its next ARI request, and its buffered flush fsyncs. Here the requests a
 * turn sends go out first and its lines follow in the same turn, so a
 * SIGKILL loses at most the lines of the turn it interrupts.
 *
 * A full pipe (EAGAIN) never blocks the event loop: the rest is kept, in
 * order, and retried shortly. A reader that is gone (EPIPE, EBADF) drops the
 * lines: nobody can read them. On process exit what is left is written
 * synchronously.
 */
export class TurnEndDestination {
  // Lines as logged; bytes only for the rest of a partial write, which may end inside a character.
  private pending: Array<string | Buffer> = [];
  private scheduled = false;
  private retrying = false;
  private closed = false;
  private readonly drained: Array<() => void> = [];
  private readonly flushAtTurnEnd = (): void => {
    this.scheduled = false;
    if (!this.retrying) this.writePending();
  };

  constructor(
    private readonly fd: number,
    private readonly io: TurnEndIo = NODE_IO,
  ) {}

  write(line: string): boolean {
    if (this.closed) return false;
    this.pending.push(line);
    if (!this.scheduled && !this.retrying) {
      this.scheduled = true;
      this.io.atTurnEnd(this.flushAtTurnEnd);
    }
    return true;
  }

  /** Calls `cb` once every line written so far has reached the file descriptor (or was dropped because nobody reads it). */
  flush(cb?: (err?: Error) => void): void {
    if (!this.retrying) this.writePending();
    if (!cb) return;
    if (this.pending.length === 0) cb();
    else this.drained.push(() => cb());
  }

  /**
   * Writes what is pending now, waiting out a full pipe (exit: there is no
   * later). Gives up after `maxWaitMs` so a reader that never drains cannot
   * hold the process.
   */
  flushSync(maxWaitMs = 1000): void {
    const deadline = Date.now() + maxWaitMs;
    while (this.pending.length > 0 && !this.writePending() && Date.now() < deadline) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
    }
  }

  /** Writes the pending lines; false when the pipe was full and some are left. */
  private writePending(): boolean {
    if (this.pending.length === 0) return true;
    let data = joined(this.pending);
    this.pending = [];
    while (data.length > 0) {
      let written: number;
      try {
        written = this.io.writeSync(this.fd, data);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          this.pending.unshift(data);
          this.retryLater();
          return false;
        }
        // EPIPE, EBADF and the like: nobody reads this descriptor any more.
        this.closed = code === 'EPIPE' || code === 'EBADF';
        break;
      }
      // A partial write counts bytes; the rest is what follows them, kept as bytes (decoding them could split a character).
      data = written >= Buffer.byteLength(data) ? '' : (typeof data === 'string' ? Buffer.from(data) : data).subarray(written);
    }
    this.retrying = false;
    this.settle();
    return true;
  }

  private retryLater(): void {
    if (this.retrying) return;
    this.retrying = true;
    this.io.later(() => {
      this.retrying = false;
      this.writePending();
    }, RETRY_MS);
  }

  private settle(): void {
    if (this.pending.length > 0 || this.drained.length === 0) return;
    for (const done of this.drained.splice(0)) done();
  }
}

/** The pending chunks as one write: text while all are text (the usual case), bytes otherwise. */
function joined(pending: ReadonlyArray<string | Buffer>): string | Buffer {
  if (pending.length === 1) return pending[0] as string | Buffer;
  // Bytes are only ever the first chunk (the rest of a partial write, put back in front).
  if (typeof pending[0] === 'string') return pending.join('');
  return Buffer.concat(pending.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

let stdout: TurnEndDestination | undefined;

/**
 * The process's standard output as a {@link TurnEndDestination}: one per
 * process, so every logger writing there shares one order, and flushed
 * synchronously when the process exits.
 */
export function stdoutDestination(): TurnEndDestination {
  if (stdout) return stdout;
  const dest = new TurnEndDestination(1);
  process.once('exit', () => dest.flushSync());
  stdout = dest;
  return dest;
}
