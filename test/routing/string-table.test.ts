import { RankBuffer } from '../../src/routing/rank-buffer';
import { buildStringTable, hashString, hashTail } from '../../src/routing/string-table';
import { prng } from './prng';

function lookup(table: ReturnType<typeof buildStringTable>, value: string): number[] {
  const out = new RankBuffer(1);
  table.collect(value, out);
  return [...out.data.subarray(0, out.length)];
}

describe('string table', () => {
  it('yields the ranks of exactly the value, in the order given, and nothing for other values', () => {
    const table = buildStringTable(
      new Map([
        ['1000', [3]],
        ['+265888111111', [0, 7, 9]],
        ['', [4]],
        ['sip:alice@example.com', [5]],
        ['é☎', [6]],
      ]),
    );
    expect(lookup(table, '1000')).toEqual([3]);
    expect(lookup(table, '+265888111111')).toEqual([0, 7, 9]);
    expect(lookup(table, '')).toEqual([4]);
    expect(lookup(table, 'sip:alice@example.com')).toEqual([5]);
    expect(lookup(table, 'é☎')).toEqual([6]);
    for (const absent of ['100', '10000', '1001', '+265888111112', 'sip:alice@example.co', ' ', 'é']) expect(lookup(table, absent)).toEqual([]);
  });

  it('hashes the length and the fewest last characters that tell keys apart, or every character when keys differ further in', () => {
    expect(hashTail('xx12345678', 8)).toBe(hashTail('yy12345678', 8));
    expect(hashTail('12345678', 8)).not.toBe(hashTail('012345678', 8));
    expect(hashString('xx12345678')).not.toBe(hashString('yy12345678'));
    const rnd = prng(9);
    const numbers = (count: number): Map<string, number[]> =>
      new Map(Array.from({ length: count }, (_, i) => [`+2658${String(rnd.int(100_000_000)).padStart(8, '0')}`, [i]] as [string, number[]]));
    // A few hundred numbers differ in their last four digits; thousands need six.
    expect(buildStringTable(numbers(200)).tail).toBe(4);
    expect(buildStringTable(numbers(5000)).tail).toBe(6);
    // One domain: the last characters are the same for every key.
    const uris = new Map(Array.from({ length: 500 }, (_, i) => [`sip:user${i}@voice.example.com`, [i]] as [string, number[]]));
    const table = buildStringTable(uris);
    expect(table.tail).toBe(0);
    for (const [key, ranks] of uris) expect(lookup(table, key)).toEqual(ranks);
    expect(lookup(table, 'sip:user500@voice.example.com')).toEqual([]);
  });

  it('agrees with a Map on random keys and lookups', () => {
    const rnd = prng(3);
    const word = (): string => Array.from({ length: rnd.int(14) }, () => rnd.pick(['0', '1', '2', '+', 'a', '@'])).join('');
    for (let round = 0; round < 20; round++) {
      const map = new Map<string, number[]>();
      for (let i = 0; i < 1 + rnd.int(400); i++) {
        const k = word();
        map.set(k, [...(map.get(k) ?? []), i]);
      }
      const table = buildStringTable(map);
      for (let q = 0; q < 500; q++) {
        const v = rnd.chance(0.5) ? rnd.pick([...map.keys()]) : word();
        expect(lookup(table, v)).toEqual(map.get(v) ?? []);
      }
    }
  });
});
