import { PromisedOutcome, rejectLater, resolveLater, settleInto, type Outcome } from '../../src/core/outcome';

function recorder(): Outcome<number> & { seen: string[] } {
  const seen: string[] = [];
  return { seen, resolved: (v) => void seen.push(`ok ${v}`), rejected: (e) => void seen.push(`failed ${(e as Error).message}`) };
}

describe('Outcome', () => {
  it('PromisedOutcome reads an outcome as a promise', async () => {
    const ok = new PromisedOutcome<number>();
    ok.resolved(7);
    await expect(ok.promise).resolves.toBe(7);
    const failed = new PromisedOutcome<number>();
    failed.rejected(new Error('no'));
    await expect(failed.promise).rejects.toThrow('no');
  });

  it('resolveLater and rejectLater report on a later microtask, never from inside the caller', async () => {
    const r = recorder();
    resolveLater(r, 1);
    rejectLater(r, new Error('late'));
    expect(r.seen).toEqual([]);
    await Promise.resolve();
    expect(r.seen).toEqual(['ok 1', 'failed late']);
  });

  it('settleInto reports how a promise settles', async () => {
    const r = recorder();
    settleInto(Promise.resolve(2), r);
    settleInto(Promise.reject(new Error('rejected')), r);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.seen).toEqual(['ok 2', 'failed rejected']);
  });
});
