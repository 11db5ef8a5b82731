import { ignoreListenerError, Listeners } from '../../src/core/listeners';

describe('Listeners', () => {
  it('calls listeners in the order added, once each, until unsubscribed', () => {
    const seen: string[] = [];
    const set = new Listeners<string, number>();
    const a = (v: string, n: number): void => void seen.push(`a${v}${n}`);
    const offA = set.add(a);
    set.add(a); // a second add changes nothing
    const offB = set.add((v) => void seen.push(`b${v}`));
    expect(set.size).toBe(2);
    set.emit('x', 1);
    offA();
    offA();
    set.emit('y', 2);
    offB();
    set.emit('z', 3);
    expect(seen).toEqual(['ax1', 'bx', 'by']);
    expect(set.size).toBe(0);
  });

  it('an emit sees the listeners present when it started, whatever they add or remove', () => {
    const set = new Listeners<number>();
    const seen: string[] = [];
    let offC: () => void = () => undefined;
    set.add((n) => {
      seen.push(`a${n}`);
      offC(); // removes a later listener: it still gets this emit, not the next
      set.add(() => seen.push(`late${n}`)); // added now: gets the next emit only
    });
    offC = set.add((n) => void seen.push(`c${n}`));
    set.emit(1);
    expect(seen).toEqual(['a1', 'c1']);
    seen.length = 0;
    set.emit(2);
    expect(seen).toEqual(['a2', 'late1']);
  });

  it('removing the first listener keeps the others in the order added, during an emit too', () => {
    const set = new Listeners<number>();
    const seen: string[] = [];
    const offs: Record<string, () => void> = {};
    offs.a = set.add((n) => {
      seen.push(`a${n}`);
      offs.a(); // the first removes itself mid-emit: b and c still get this emit
    });
    for (const name of ['b', 'c']) offs[name] = set.add((n) => void seen.push(`${name}${n}`));
    set.emit(1);
    expect(seen).toEqual(['a1', 'b1', 'c1']);
    offs.b();
    set.add((n) => void seen.push(`d${n}`));
    seen.length = 0;
    set.emit(2);
    expect(seen).toEqual(['c2', 'd2']);
    expect(set.size).toBe(2);
    set.clear();
    set.emit(3);
    expect(set.size).toBe(0);
    expect(seen).toEqual(['c2', 'd2']);
  });

  it('isolates a throwing listener: the others run and onError gets the error with the arguments', () => {
    const errors: [unknown, string][] = [];
    const set = new Listeners<string>((err, v) => errors.push([err, v]));
    const seen: string[] = [];
    const boom = new Error('boom');
    set.add(() => {
      throw boom;
    });
    set.add((v) => void seen.push(v));
    set.emit('d');
    expect(seen).toEqual(['d']);
    expect(errors).toEqual([[boom, 'd']]);
  });

  it('calls onError with the receiver given as this', () => {
    class Owner {
      readonly failures: string[] = [];
      readonly set = new Listeners<string>(this.failed, this);
      failed(err: unknown, v: string): void {
        this.failures.push(`${(err as Error).message}:${v}`);
      }
    }
    const owner = new Owner();
    owner.set.add(() => {
      throw new Error('boom');
    });
    owner.set.emit('5');
    expect(owner.failures).toEqual(['boom:5']);
  });

  it('without onError, rethrows the first error once every listener has run', () => {
    const set = new Listeners<void>();
    const seen: number[] = [];
    set.add(() => {
      throw new Error('first');
    });
    set.add(() => {
      seen.push(1);
      throw new Error('second');
    });
    set.add(() => void seen.push(2));
    expect(() => set.emit()).toThrow('first');
    expect(seen).toEqual([1, 2]);
    // The set still works after a failed emit.
    set.clear();
    set.add(() => void seen.push(3));
    set.emit();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('ignoreListenerError drops failures on purpose', () => {
    const set = new Listeners<number>(ignoreListenerError);
    set.add(() => {
      throw new Error('ignored');
    });
    expect(() => set.emit(1)).not.toThrow();
  });
});
