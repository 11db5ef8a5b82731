import { AbortError } from '../../src/core/clock';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
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

describe('Semaphore wait of the oldest waiter', () => {
  it('reads 0 with nobody waiting, the head of the queue otherwise, and moves on as waiters leave', async () => {
    const clock = new FakeClock(1000);
    const sem = new Semaphore(1, clock);
    const release = sem.tryAcquire();
    expect(sem.oldestWaitMs(clock.now())).toBe(0);
    const controller = new AbortController();
    const first = sem.acquire(controller.signal);
    clock.advance(300);
    const second = sem.acquire();
    expect(sem.oldestWaitMs(clock.now())).toBe(300);
    expect(sem.oldestWaitMs(clock.now() + 50)).toBe(350);
    // A reading taken before the wait began never goes negative.
    expect(sem.oldestWaitMs(900)).toBe(0);
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(AbortError);
    expect(sem.oldestWaitMs(1500)).toBe(200);
    release?.();
    (await second)();
    expect(sem.oldestWaitMs(1500)).toBe(0);
  });
});
