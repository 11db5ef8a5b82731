import { CancelSource } from '../../src/core/cancel-source';

describe('CancelSource', () => {
  it('calls each listener once, in the order added (functions and handleEvent objects), with the first reason', () => {
    const source = new CancelSource();
    const order: string[] = [];
    source.addEventListener('abort', () => order.push('first'));
    source.addEventListener('abort', { handleEvent: () => order.push('second') });
    source.addEventListener('abort', () => order.push('third'));
    const reason = new Error('gone');
    source.cancel(reason);
    source.cancel(new Error('later'));
    expect(order).toEqual(['first', 'second', 'third']);
    expect(source.aborted).toBe(true);
    expect(source.reason).toBe(reason);
  });

  it('a removed listener is not called, whichever slot it held; one added after the cancel never is', () => {
    const source = new CancelSource();
    const a = jest.fn();
    const b = jest.fn();
    const c = jest.fn();
    source.addEventListener('abort', a);
    source.addEventListener('abort', b);
    source.addEventListener('abort', c);
    source.removeEventListener('abort', a);
    source.removeEventListener('abort', c);
    source.removeEventListener('abort', jest.fn());
    source.cancel('why');
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    expect(c).not.toHaveBeenCalled();
    const late = jest.fn();
    source.addEventListener('abort', late);
    expect(late).not.toHaveBeenCalled();
  });
});
