import { redactError, redactText, redactUrl } from '../../src/ari/redact';
import { Semaphore } from '../../src/ari/semaphore';
import { AbortError } from '../../src/core/clock';
import { flushAsync } from '../../src/core/fake-clock';

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

describe('redaction', () => {
  it('removes userinfo, api_key values, Basic credentials and configured secrets', () => {
    expect(redactUrl('ws://127.0.0.1:8088/ari/events?app=voxtra&api_key=voxtra:hunter22')).toBe('ws://127.0.0.1:8088/ari/events?app=voxtra&api_key=<redacted>');
    expect(redactUrl('http://voxtra:hunter22@pbx:8088/ari')).toBe('http://<redacted>@pbx:8088/ari');
    expect(redactText('Authorization: Basic dm94dHJhOmh1bnRlcjIy failed')).toBe('Authorization: Basic <redacted> failed');
    expect(redactText('bad password hunter22 / hunter%2F22', ['hunter22', 'hunter/22'])).toBe('bad password <redacted> / <redacted>');
    const err = Object.assign(new Error('connect to ws://u:p4ss@h/ari?api_key=u:p4ss failed'), { code: 'ECONNREFUSED' });
    const clean = redactError(err, ['p4ss']);
    expect(clean.message).not.toContain('p4ss');
    expect(clean.stack).not.toContain('p4ss');
    expect((clean as Error & { code?: string }).code).toBe('ECONNREFUSED');
  });
});
