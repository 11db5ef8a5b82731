import { FakeClock } from '../../src/core/fake-clock';
import { Debouncer } from '../../src/lsp/debouncer';

describe('the diagnostics debouncer', () => {
  it('runs a key\'s job once the keystrokes stop, with the last job given', async () => {
    const clock = new FakeClock();
    const runs: string[] = [];
    const d = new Debouncer(clock, 150, (err) => runs.push(`error ${String(err)}`));
    d.schedule('app', async () => void runs.push('first'));
    clock.advance(100);
    d.schedule('app', async () => void runs.push('second'));
    clock.advance(100);
    expect(runs).toEqual([]);
    clock.advance(50);
    await Promise.resolve();
    expect(runs).toEqual(['second']);
    expect(d.has('app')).toBe(false);
  });

  it('keeps keys apart, and flush runs a waiting job at once', async () => {
    const clock = new FakeClock();
    const runs: string[] = [];
    const d = new Debouncer(clock, 150, () => undefined);
    d.schedule('a', async () => void runs.push('a'));
    d.schedule('b', async () => void runs.push('b'));
    await d.flush('b');
    expect(runs).toEqual(['b']);
    expect(d.has('a')).toBe(true);
    clock.advance(150);
    await Promise.resolve();
    expect(runs).toEqual(['b', 'a']);
    expect(clock.pending).toBe(0);
  });

  it('reports a failing job instead of throwing, and cancelAll forgets every job', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const d = new Debouncer(clock, 10, (err) => errors.push(err));
    d.schedule('a', () => Promise.reject(new Error('boom')));
    await d.flush('a');
    expect(errors).toEqual([new Error('boom')]);
    d.schedule('b', async () => undefined);
    d.cancelAll();
    expect(d.has('b')).toBe(false);
    expect(clock.pending).toBe(0);
  });
});
