import type { RankBuffer } from './rank-buffer';

/**
 * Exact values → route ranks, as an open-addressing hash table in typed
 * arrays. A V8 Map of strings costs several dependent memory reads per
 * lookup (bucket, entry, then each key string it compares); with 100k
 * routes those are cache misses. Here a lookup reads one 8-byte slot
 * holding the key's hash (which covers its length) and rank, and compares
 * the key itself only when the hashes agree.
 *
 * Characters are slow to read one by one from JavaScript (a few ns each),
 * so the table hashes the length and only the last few characters (where
 * dialled numbers differ): the fewest of 4, 6 or 8 that tell nearly all keys
 * apart without clustering them. Keys that differ only further in (SIP URIs
 * of one domain) get a hash of every character, so a lookup never walks a
 * long run of slots or compares many keys.
 */

const SLOT = 2;
const HASH_AT = 0;
/** 0 for an empty slot, rank + 1 for one rank, -1 - i for the ranks in `lists[i]`. */
const ENTRY_AT = 1;
/** Characters a short hash may read, from the end; 0 stands for all of them. */
const TAILS = [4, 6, 8, 0];
/** A short hash must give this share of the keys a hash of their own. */
const MIN_DISTINCT = 0.97;
/**
 * How far the short hash may stray from a random one: slots read by a lookup
 * of an absent value, on average (about 2.5 at half load when random), and
 * the longest run of occupied slots (about 40 at 100k keys when random).
 */
const MAX_MEAN_PROBES = 4;
const MAX_RUN = 96;

/** Mixes the bits so the low ones (the slot) depend on all of them. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** FNV-1a over pairs of UTF-16 code units (two 16-bit units fill one 32-bit step without loss). */
export function hashString(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finish(h);
}

/** The same hash over the length and the last `tail` characters only. */
export function hashTail(s: string, tail: number): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = n > tail ? n - tail : 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finish(h);
}

/** An immutable table; build it with {@link buildStringTable}. */
export class StringTable {
  constructor(
    private readonly mask: number,
    /** How many characters from the end the hash reads; 0 for all (see above). */
    readonly tail: number,
    /** Per slot: hash, entry (see {@link ENTRY_AT}). */
    private readonly slots: Int32Array,
    private readonly keys: readonly string[],
    private readonly lists: readonly Int32Array[],
    /** Bit n set when some key has n characters (bit 31: some key has 31 or more). */
    private readonly lengths: number,
  ) {}

  /** Appends to `out` the ranks filed under exactly `value`. */
  collect(value: string, out: RankBuffer): void {
    // No key has this length: skip the hash (dialled numbers of a length no route uses are common).
    if ((this.lengths & (1 << Math.min(value.length, 31))) === 0) return;
    const { slots, mask } = this;
    const h = this.tail === 0 ? hashString(value) : hashTail(value, this.tail);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot * SLOT + ENTRY_AT];
      if (entry === 0) return;
      if (slots[slot * SLOT + HASH_AT] === h && this.keys[slot] === value) {
        if (entry > 0) out.push(entry - 1);
        else out.pushAll(this.lists[-1 - entry]);
        return;
      }
    }
  }
}

/** Builds a table from each value's ranks (in the order they should be yielded). */
export function buildStringTable(entries: ReadonlyMap<string, readonly number[]>): StringTable {
  for (const tail of TAILS) {
    const table = fill(entries, tail);
    if (table) return table;
  }
  throw new Error('unreachable: a full hash always fills');
}

/** Lays the table out with one hash, or gives up (short hashes only) when it tells keys apart too poorly. */
function fill(entries: ReadonlyMap<string, readonly number[]>, tail: number): StringTable | undefined {
  const hash = (key: string): number => (tail === 0 ? hashString(key) : hashTail(key, tail));
  if (tail !== 0 && new Set([...entries.keys()].map(hash)).size < entries.size * MIN_DISTINCT) return undefined;
  // At most half full, so a lookup of an absent value usually stops at its first or second slot.
  let capacity = 2;
  while (capacity < entries.size * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity * SLOT);
  const keys: string[] = new Array<string>(capacity).fill('');
  const lists: Int32Array[] = [];
  let lengths = 0;
  for (const [key, ranks] of entries) {
    lengths |= 1 << Math.min(key.length, 31);
    const h = hash(key);
    let slot = h & mask;
    while (slots[slot * SLOT + ENTRY_AT] !== 0) slot = (slot + 1) & mask;
    slots[slot * SLOT + HASH_AT] = h;
    keys[slot] = key;
    if (ranks.length === 1) slots[slot * SLOT + ENTRY_AT] = ranks[0] + 1;
    else {
      slots[slot * SLOT + ENTRY_AT] = -1 - lists.length;
      lists.push(Int32Array.from(ranks));
    }
  }
  if (tail !== 0 && clustered(slots, capacity)) return undefined;
  return new StringTable(mask, tail, slots, keys, lists, lengths);
}

/** True when lookups of absent values would read too many slots (see {@link MAX_MEAN_PROBES}). */
function clustered(slots: Int32Array, capacity: number): boolean {
  // Start at an empty slot (there is one: the table is at most half full) so no run wraps.
  let first = 0;
  while (slots[first * SLOT + ENTRY_AT] !== 0) first++;
  let probes = 0;
  let run = 0;
  for (let i = 1; i <= capacity; i++) {
    if (slots[((first + i) % capacity) * SLOT + ENTRY_AT] !== 0) {
      run++;
      if (run > MAX_RUN) return true;
    } else {
      // A lookup starting j slots from a run's end reads j + 1 slots.
      probes += (run * (run + 1)) / 2 + run + 1;
      run = 0;
    }
  }
  return probes / capacity > MAX_MEAN_PROBES;
}
