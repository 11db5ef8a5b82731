import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { ChangeDebouncer, type ChangeBatch } from '../../src/watch/debouncer';

function setup(opts: { delayMs?: number; maxWaitMs?: number; onFlush?: (b: ChangeBatch) => void | Promise<void> } = {}) {
  const clock = new FakeClock();
  const batches: ChangeBatch[] = [];
  const errors: unknown[] = [];
  const debouncer = new ChangeDebouncer({
    clock,
    delayMs: opts.delayMs ?? 300,
    ...(opts.maxWaitMs !== undefined ? { maxWaitMs: opts.maxWaitMs } : {}),
    onFlush: (b) => {
      batches.push(b);
      return opts.onFlush?.(b);
    },
    onError: (e) => errors.push(e),
  });
  return { clock, batches, errors, debouncer };
}

describe('ChangeDebouncer', () => {
  it('delivers a burst once, after the quiet time following its last event', () => {
    const { clock, batches, debouncer } = setup();
    debouncer.push('/f/b.yaml', 'change');
    clock.advance(200);
    debouncer.push('/f/a.yaml', 'add');
    clock.advance(299);
    expect(batches).toHaveLength(0);
    expect(debouncer.pending).toBe(2);
    clock.advance(1);
    expect(batches).toEqual([{ paths: ['/f/a.yaml', '/f/b.yaml'], reasons: ['add', 'change'] }]);
    expect(debouncer.pending).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('separates bursts with a quiet gap between them', () => {
    const { clock, batches, debouncer } = setup();
    debouncer.push('/f/a.yaml', 'change');
    clock.advance(300);
    debouncer.push('/f/a.yaml', 'change');
    clock.advance(300);
    expect(batches.map((b) => b.paths)).toEqual([['/f/a.yaml'], ['/f/a.yaml']]);
  });

  it.each([
    [['unlink', 'add'], 'change'], // rename-over, or delete and recreate
    [['unlink', 'add', 'change'], 'change'],
    [['add', 'change', 'change'], 'add'],
    [['change', 'unlink'], 'unlink'],
    [['add', 'unlink'], 'unlink'],
    [['unlink', 'add', 'unlink'], 'unlink'],
    [['change', 'change'], 'change'],
  ] as const)('reports %j on one path once, as %s', (events, net) => {
    const { clock, batches, debouncer } = setup();
    for (const e of events) {
      debouncer.push('/f/a.yaml', e);
      clock.advance(10);
    }
    clock.advance(300);
    expect(batches).toEqual([{ paths: ['/f/a.yaml'], reasons: [net] }]);
  });

  it('does not hold a never-ending burst longer than maxWaitMs', () => {
    const { clock, batches, debouncer } = setup({ delayMs: 100, maxWaitMs: 1000 });
    for (let t = 0; t < 1500; t += 50) {
      debouncer.push(`/f/${t}.yaml`, 'add');
      clock.advance(50);
    }
    expect(batches).toHaveLength(1);
    expect(batches[0]?.paths).toHaveLength(20); // events at 0..950 ms, delivered at 1000 ms
    clock.advance(100);
    expect(batches).toHaveLength(2);
    expect(batches.flatMap((b) => b.paths)).toHaveLength(30);
  });

  it('waits for a slow onFlush and merges what came meanwhile into one next batch', async () => {
    let finish: (() => void) | undefined;
    const { clock, batches, debouncer } = setup({ onFlush: () => new Promise<void>((r) => (finish = r)) });
    debouncer.push('/f/a.yaml', 'change');
    clock.advance(300);
    expect(batches).toHaveLength(1);
    debouncer.push('/f/b.yaml', 'add');
    clock.advance(300);
    debouncer.push('/f/c.yaml', 'unlink');
    clock.advance(300);
    // Still busy: nothing more delivered.
    expect(batches).toHaveLength(1);
    finish?.();
    await flushAsync();
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual({ paths: ['/f/b.yaml', '/f/c.yaml'], reasons: ['add', 'unlink'] });
  });

  it('reports what onFlush throws or rejects and keeps going', async () => {
    let calls = 0;
    const { clock, batches, errors, debouncer } = setup({
      onFlush: () => {
        calls++;
        if (calls === 1) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
    });
    debouncer.push('/f/a.yaml', 'change');
    clock.advance(300);
    debouncer.push('/f/a.yaml', 'change');
    clock.advance(300);
    await flushAsync();
    debouncer.push('/f/a.yaml', 'change');
    clock.advance(300);
    expect(batches).toHaveLength(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
  });

  it('drops the pending burst and ignores later events once closed', () => {
    const { clock, batches, debouncer } = setup();
    debouncer.push('/f/a.yaml', 'change');
    debouncer.close();
    debouncer.push('/f/b.yaml', 'change');
    clock.advance(1000);
    expect(batches).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });
});
