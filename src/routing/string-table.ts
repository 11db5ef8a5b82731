import type { RankBuffer } from './rank-buffer';

/**
 * Exact values → route ranks, as an open-addressing hash table in typed
 * arrays. A V8 Map of strings costs several dependent memory reads per
 * lookup (bucket, entry, then each key string it compares); with 100k
 * routes those are cache misses. Here a lookup reads one 8-byte slot
 * holding the key's hash (which covers its length) and rank, and compares
 * the key itself only when the hashes agree.
 *
 * Characters are slow to read one by one from JavaScript, so the table first
 * tries a hash of the length and the last few characters (where dialled
 * numbers differ). If the keys cluster under it (values that differ only
 * further in, such as SIP URIs of one domain), it is rebuilt with a hash of
 * every character, so a lookup never walks a long run of slots.
 */

const SLOT = 2;
const HASH_AT = 0;
/** 0 for an empty slot, rank + 1 for one rank, -1 - i for the ranks in `lists[i]`. */
const ENTRY_AT = 1;
/** Characters the short hash reads, from the end. */
const TAIL = 8;
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

/** The same hash over the length and the last {@link TAIL} characters only. */
export function hashTail(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = n > TAIL ? n - TAIL : 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finish(h);
}

/** An immutable table; build it with {@link buildStringTable}. */
export class StringTable {
  constructor(
    private readonly mask: number,
    /** True when the table hashes every character (see above). */
    readonly fullHash: boolean,
    /** Per slot: hash, entry (see {@link ENTRY_AT}). */
    private readonly slots: Int32Array,
    private readonly keys: readonly string[],
    private readonly lists: readonly Int32Array[],
  ) {}

  /** Appends to `out` the ranks filed under exactly `value`. */
  collect(value: string, out: RankBuffer): void {
    const { slots, mask } = this;
    const h = this.fullHash ? hashString(value) : hashTail(value);
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
  return fill(entries, false) ?? (fill(entries, true) as StringTable);
}

/** Lays the table out with one hash, or gives up (short hash only) when a run of occupied slots grows too long. */
function fill(entries: ReadonlyMap<string, readonly number[]>, fullHash: boolean): StringTable | undefined {
  // At most half full, so a lookup of an absent value usually stops at its first or second slot.
  let capacity = 2;
  while (capacity < entries.size * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity * SLOT);
  const keys: string[] = new Array<string>(capacity).fill('');
  const lists: Int32Array[] = [];
  for (const [key, ranks] of entries) {
    const h = fullHash ? hashString(key) : hashTail(key);
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
  if (!fullHash && clustered(slots, capacity)) return undefined;
  return new StringTable(mask, fullHash, slots, keys, lists);
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
