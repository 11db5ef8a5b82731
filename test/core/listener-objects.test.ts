import { Listeners, type ListenerObject } from '../../src/core/listeners';

describe('Listeners with listener objects', () => {
  it('calls notify on an object listener, in the order added among functions, once each', () => {
    const seen: string[] = [];
    const set = new Listeners<string, number>();
    const obj: ListenerObject<string, number> = { notify: (v, n) => void seen.push(`o${v}${n}`) };
    set.add((v) => void seen.push(`f${v}`));
    set.on(obj);
    set.on(obj); // a second add changes nothing
    expect(set.size).toBe(2);
    set.emit('x', 1);
    expect(set.delete(obj)).toBe(true);
    expect(set.delete(obj)).toBe(false);
    set.emit('y', 2);
    expect(seen).toEqual(['fx', 'ox1', 'fy']);
  });

  it('isolates an object listener that throws, as it does a function', () => {
    const errors: unknown[] = [];
    const seen: string[] = [];
    const set = new Listeners<string>((err) => errors.push(err));
    set.on({
      notify: () => {
        throw new Error('bad');
      },
    });
    set.add((v) => void seen.push(v));
    set.emit('a');
    expect(seen).toEqual(['a']);
    expect(errors).toEqual([new Error('bad')]);
  });
});
