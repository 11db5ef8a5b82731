import { untilAborted } from '../../src/core/abortable';
import { AbortError } from '../../src/core/clock';

describe('untilAborted', () => {
  it('passes the value or the error through when the signal stays quiet', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(untilAborted(Promise.reject(new Error('no')), signal)).rejects.toThrow('no');
  });

  it('rejects with AbortError as soon as the signal fires, after onAbort, even if the work goes on', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const never = new Promise<number>(() => undefined);
    const wait = untilAborted(never, controller.signal, () => seen.push('onAbort'));
    controller.abort('bye');
    const err = await wait.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe('bye');
    expect(seen).toEqual(['onAbort']);

    // A signal that already fired: onAbort runs too, so waiter counts stay right.
    await expect(untilAborted(never, controller.signal, () => seen.push('again'))).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(['onAbort', 'again']);
  });
});
