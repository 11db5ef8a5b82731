import { AbortError } from '../../src/core/clock';
import { flushAsync } from '../../src/core/fake-clock';
import { Semaphore } from '../../src/core/semaphore';

describe('Semaphore', () => {
  it('grants slots first come, first served, and tracks the peak', async () => {
    const sem = new Semaphore(2);
    const order: number[] = [];
    const releases = await Promise.all([sem.acquire(), sem.acquire()]);
    const waiting = [3, 4, 5].map((n) => sem.acquire().then((release) => (order.push(n), release)));
    expect(sem.queued).toBe(3);
    releases[0]();
    releases[0](); // double release is ignored
    await flushAsync();
    expect(order).toEqual([3]);
    releases[1]();
    await flushAsync();
    expect(order).toEqual([3, 4]);
    for (const r of await Promise.all(waiting.slice(0, 2))) r();
    await flushAsync();
    expect(order).toEqual([3, 4, 5]);
    expect(sem.peak).toBe(2);
    (await waiting[2])();
    expect(sem.inFlight).toBe(0);
  });

  it('drops a waiter whose signal aborts, keeping the queue moving', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const controller = new AbortController();
    const aborted = sem.acquire(controller.signal);
    const next = sem.acquire();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    expect(sem.queued).toBe(1);
    release();
    const r = await next;
    expect(sem.inFlight).toBe(1);
    r();
  });
});

describe('Semaphore (new cases)', () => {
  it('tryAcquire takes a free slot synchronously and refuses when full or when someone waits', async () => {
    const sem = new Semaphore(1);
    const first = sem.tryAcquire();
    expect(first).toBeDefined();
    expect(sem.tryAcquire()).toBeUndefined();
    const waiting = sem.acquire();
    first?.();
    // The slot went to the waiter, not to a caller jumping the queue.
    expect(sem.tryAcquire()).toBeUndefined();
    (await waiting)();
    expect(sem.inFlight).toBe(0);
    expect(sem.limit).toBe(1);
  });

  it('rejects at once for a signal that already fired, and refuses a limit that is not a positive integer', async () => {
    const sem = new Semaphore(3);
    const controller = new AbortController();
    controller.abort();
    await expect(sem.acquire(controller.signal)).rejects.toBeInstanceOf(AbortError);
    expect(sem.inFlight).toBe(0);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new Semaphore(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
