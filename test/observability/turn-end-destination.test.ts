import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TurnEndDestination, type TurnEndIo } from '../../src/observability/turn-end-destination';

/** An fd that records writes, fails the ones queued in `failures`, and a scheduler run by hand. */
function fakeIo() {
  const writes: string[] = [];
  const bytes: Buffer[] = [];
  const failures: Array<string | number> = [];
  const turnEnd: Array<() => void> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const io: TurnEndIo = {
    writeSync: (_fd, text) => {
      const next = failures.shift();
      if (typeof next === 'string') throw Object.assign(new Error(next), { code: next });
      const n = typeof next === 'number' ? next : Buffer.byteLength(text);
      const chunk = Buffer.from(text).subarray(0, n);
      bytes.push(chunk);
      writes.push(chunk.toString());
      return n;
    },
    atTurnEnd: (fn) => void turnEnd.push(fn),
    later: (fn, ms) => void timers.push({ fn, ms }),
  };
  const endTurn = (): void => {
    for (const fn of turnEnd.splice(0)) fn();
  };
  const fireTimers = (): void => {
    for (const t of timers.splice(0)) t.fn();
  };
  return { io, writes, bytes, failures, turnEnd, timers, endTurn, fireTimers };
}

// Logs two lines through the built logger (dist/, as the CLI runs it) and exits at once: exit is what is tested.
const loggingScript = `
  const { createLogger } = require(${JSON.stringify(path.resolve(__dirname, '../../dist/observability/logger'))});
  const logger = createLogger({ format: 'json' });
  logger.info('first');
  logger.info('second');
  process.exit(0);
`;

describe('TurnEndDestination', () => {
  it('writes the lines of one turn together, in order, once the turn ends', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    dest.write('a\n');
    dest.write('b\n');
    dest.write('c\n');
    expect(f.writes).toEqual([]);
    expect(f.turnEnd).toHaveLength(1);
    f.endTurn();
    expect(f.writes).toEqual(['a\nb\nc\n']);
    dest.write('d\n');
    f.endTurn();
    expect(f.writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('keeps what a full pipe refused and retries it later, before the lines logged meanwhile', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    f.failures.push('EAGAIN');
    dest.write('a\n');
    f.endTurn();
    expect(f.writes).toEqual([]);
    expect(f.timers).toHaveLength(1);
    dest.write('b\n');
    // No turn-end write while a retry is pending: order would break.
    expect(f.turnEnd).toHaveLength(0);
    const flushed = jest.fn();
    dest.flush(flushed);
    expect(flushed).not.toHaveBeenCalled();
    f.failures.push('EAGAIN');
    f.fireTimers();
    expect(f.writes).toEqual([]);
    expect(f.timers).toHaveLength(1);
    f.fireTimers();
    expect(f.writes).toEqual(['a\nb\n']);
    expect(flushed).toHaveBeenCalledTimes(1);
  });

  it('writes the rest of a partial write, counted in bytes', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    f.failures.push(3);
    dest.write('é-1\n');
    dest.write('x\n');
    f.endTurn();
    expect(f.writes.join('')).toBe('é-1\nx\n');
    expect(f.writes).toEqual(['é-', '1\nx\n']);
  });

  it('writes the rest of a partial write that ended inside a character as bytes, so the character arrives whole', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    f.failures.push(1, 'EAGAIN');
    dest.write('é\n');
    f.endTurn();
    dest.write('x\n');
    f.fireTimers();
    expect(f.bytes.map((b) => b.length)).toEqual([1, 4]);
    expect(Buffer.concat(f.bytes).toString()).toBe('é\nx\n');
  });

  it('drops lines once nobody reads the descriptor, and still calls flush back', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    f.failures.push('EPIPE');
    dest.write('a\n');
    f.endTurn();
    expect(dest.write('b\n')).toBe(false);
    const flushed = jest.fn();
    dest.flush(flushed);
    expect(flushed).toHaveBeenCalledTimes(1);
    expect(f.writes).toEqual([]);
  });

  it('flush and flushSync write what is pending without waiting for the turn to end', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    dest.write('a\n');
    const flushed = jest.fn();
    dest.flush(flushed);
    expect(f.writes).toEqual(['a\n']);
    expect(flushed).toHaveBeenCalledTimes(1);
    dest.write('b\n');
    dest.flushSync();
    expect(f.writes).toEqual(['a\n', 'b\n']);
    f.endTurn();
    expect(f.writes).toEqual(['a\n', 'b\n']);
  });

  it('flushSync waits out a full pipe, and gives up at its deadline', () => {
    const f = fakeIo();
    const dest = new TurnEndDestination(1, f.io);
    f.failures.push('EAGAIN', 'EAGAIN');
    dest.write('a\n');
    dest.flushSync();
    expect(f.writes).toEqual(['a\n']);
    f.failures.push(...Array.from({ length: 1000 }, () => 'EAGAIN'));
    dest.write('b\n');
    const started = Date.now();
    dest.flushSync(30);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(f.writes).toEqual(['a\n']);
  });

  it('standard output redirected to a regular file: the lines logged before process.exit() are there too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxtra-log-'));
    const file = path.join(dir, 'out.log');
    const fd = fs.openSync(file, 'w');
    try {
      execFileSync(process.execPath, ['-e', loggingScript], { stdio: ['ignore', fd, 'pipe'] });
    } finally {
      fs.closeSync(fd);
    }
    const msgs = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs).toEqual(['first', 'second']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('standard output on a pipe: what a process logs right before process.exit() is written', () => {
    const out = execFileSync(process.execPath, ['-e', loggingScript], { encoding: 'utf8' });
    const msgs = out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs).toEqual(['first', 'second']);
  });
});
