import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { collectDigits } from '../../src/session/digit-collector';
import { DtmfBuffer } from '../../src/session/dtmf-buffer';

const base = { maxDigits: 10, minDigits: 1, firstTimeoutMs: 5000, interDigitTimeoutMs: 3000, terminator: '#' };

describe('DtmfBuffer', () => {
  it('keeps digits in order, bounded, and lets watchers see new ones', () => {
    const b = new DtmfBuffer(3);
    const seen: string[] = [];
    const unwatch = b.watch((d) => seen.push(d));
    for (const d of '12345') b.push(d);
    expect(b.contents).toBe('345');
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
    expect(b.find((d) => d > '3')).toBe('4');
    expect(b.take()).toBe('3');
    unwatch();
    expect(b.watcherCount).toBe(0);
  });

  it('next() waits on the clock, resolves undefined on timeout and releases everything on abort', async () => {
    const clock = new FakeClock();
    const b = new DtmfBuffer();
    const ac = new AbortController();
    const timedOut = b.next(clock, 1000, ac.signal);
    clock.advance(1000);
    await expect(timedOut).resolves.toBeUndefined();
    const got = b.next(clock, 1000, ac.signal);
    b.push('7');
    await expect(got).resolves.toBe('7');
    expect(b.size).toBe(0);
    const aborted = b.next(clock, 1000, ac.signal);
    ac.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pending).toBe(0);
    expect(b.watcherCount).toBe(0);
  });
});

describe('collectDigits', () => {
  const run = async (presses: [number, string][], opts = {}) => {
    const clock = new FakeClock();
    const b = new DtmfBuffer();
    const ac = new AbortController();
    for (const [at, d] of presses) clock.setTimeout(() => b.push(d), at);
    let result: unknown;
    void collectDigits(b, clock, ac.signal, { ...base, ...opts }).then((r) => (result = r));
    for (let i = 0; i < 50 && result === undefined; i++) {
      await flushAsync(1);
      clock.fireNext();
    }
    await flushAsync(1);
    return { result, at: clock.now(), left: b.contents };
  };

  it('reports why input ended', async () => {
    expect(await run([])).toEqual({ result: { digits: '', status: 'timeout', reason: 'timeout' }, at: 5000, left: '' });
    expect(await run([[100, '1'], [200, '#']])).toMatchObject({ result: { digits: '1', status: 'ok', reason: 'terminator' }, at: 200 });
    expect(await run([[100, '1'], [200, '2']], { maxDigits: 2 })).toMatchObject({ result: { digits: '12', status: 'ok', reason: 'max_digits' } });
    expect(await run([[100, '1']])).toMatchObject({ result: { digits: '1', status: 'ok', reason: 'timeout' }, at: 3100 });
    expect(await run([[100, '1']], { minDigits: 2 })).toMatchObject({ result: { digits: '1', status: 'timeout' } });
    expect(await run([[100, '1'], [150, '2']], { complete: (d: string) => d === '12' })).toMatchObject({ result: { digits: '12', reason: 'complete' }, at: 150 });
  });
});
