import { isRecord } from '../../src/core/is-record';

describe('isRecord', () => {
  it('is true for mappings only: not null, arrays or scalars', () => {
    expect([{}, { a: 1 }, Object.create(null), new Map()].every((v) => isRecord(v))).toBe(true);
    expect([null, undefined, [], [1], 'a', 1, true].some((v) => isRecord(v))).toBe(false);
  });

  it('narrows to a record whose values can be read', () => {
    const raw: unknown = JSON.parse('{"name":"x"}');
    expect(isRecord(raw) ? raw.name : undefined).toBe('x');
  });
});
