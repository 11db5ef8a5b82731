import { AbortError, sleep } from '../../src/core/clock';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { formatJsonPath, pointerToPath } from '../../src/core/json-path';

describe('FakeClock', () => {
  it('fires timers in due order, ties in creation order', () => {
    const clock = new FakeClock(1000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('b'), 20);
    clock.setTimeout(() => seen.push('a'), 10);
    clock.setTimeout(() => seen.push('c'), 20);
    clock.advance(15);
    expect(seen).toEqual(['a']);
    expect(clock.now()).toBe(1015);
    clock.advance(5);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(clock.pending).toBe(0);
  });

  it('runs timers scheduled by timers when they fall due in the same advance', () => {
    const clock = new FakeClock();
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 5);
    }, 5);
    clock.advance(10);
    expect(seen).toEqual([5, 10]);
  });

  it('sleep resolves on advance and rejects at once on abort, releasing its timer', async () => {
    const clock = new FakeClock();
    const done = jest.fn();
    void sleep(clock, 5000).then(done);
    clock.advance(4999);
    await flushAsync(1);
    expect(done).not.toHaveBeenCalled();
    clock.advance(1);
    await flushAsync(1);
    expect(done).toHaveBeenCalled();

    const ac = new AbortController();
    const p = sleep(clock, 5000, ac.signal);
    expect(clock.pending).toBe(1);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(clock.pending).toBe(0);
  });
});

describe('JSON paths', () => {
  it('formats paths for humans and parses JSON pointers', () => {
    expect(formatJsonPath(['flows', 'menu', 'steps', 1, 'menu', 'options', '1'])).toBe('flows.menu.steps[1].menu.options["1"]');
    expect(formatJsonPath([])).toBe('$');
    expect(pointerToPath('/flows/a~1b/steps/0')).toEqual(['flows', 'a/b', 'steps', 0]);
  });
});

import { formatDuration, parseDuration } from '../../src/core/duration';

describe('durations', () => {
  it('parses the documented forms into milliseconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration(3)).toBe(3000);
    expect(parseDuration(0.25)).toBe(250);
    expect(parseDuration('5 sec')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(1500)).toBe('1500ms');
    expect(formatDuration(5000)).toBe('5s');
    expect(formatDuration(120_000)).toBe('2m');
  });
});
