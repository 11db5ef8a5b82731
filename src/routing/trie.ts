import type { RankBuffer } from './rank-buffer';

/**
 * Character tries over route ranks. Keys are inserted into a builder, then
 * laid out flat in one typed array of 4-slot nodes (16 bytes, four to a cache
 * line): a bitmap of the node's children among the telephony characters
 * ('0'-'9', '+', '*', '#') with how its ranks are stored, the id of its
 * first child (children are numbered consecutively, in bitmap order), its
 * ranks (one rank inline, more as a counted run in a shared array), and the
 * best rank in its subtree, so a lookup that already has a better route stops
 * walking. A step reads one node, so the tries of 100k routes stay small
 * enough for the CPU caches. Other characters go through one shared map.
 * A rank may carry the one length its route's values have (`^9\d{3}$` under
 * `9`, length 4): texts of another length skip it.
 */

const SLOTS = 4;
const HEAD_AT = 0;
const FIRST_AT = 1;
const ITEM_AT = 2;
const MIN_AT = 3;
/** Set in a node's bitmap when it has children outside the telephony characters. */
const OTHER_BIT = 1 << 13;
const MASK_BITS = 0x3fff;
/** Above the bitmap in the head slot: no ranks, one inline in ITEM_AT, or a run whose start ITEM_AT holds (its count first). */
const ITEMS_SHIFT = 14;
const ITEMS_BITS = 3;
const ONE_ITEM = 1;
const ITEM_RUN = 2;
/** Above that, for one inline rank: its length + 1 (0: any length). Longer lengths are not filtered. */
const NEED_SHIFT = 16;
const MAX_NEED = 0x7fff;

/** Child slot of each ASCII code: '0'-'9' → 0-9, '+' → 10, '*' → 11, '#' → 12, else -1. */
const SLOT_OF = new Int8Array(128).fill(-1);
for (let d = 0; d <= 9; d++) SLOT_OF[48 + d] = d;
SLOT_OF[43] = 10;
SLOT_OF[42] = 11;
SLOT_OF[35] = 12;

function slotOf(code: number): number {
  return code < 128 ? SLOT_OF[code] : -1;
}

/** Bits set in each 13-bit mask, looked up rather than counted on the hot path. */
const POPCOUNT = new Uint8Array(1 << 13);
for (let m = 1; m < POPCOUNT.length; m++) POPCOUNT[m] = (m & 1) + POPCOUNT[m >>> 1];

interface BuildNode {
  readonly next: Map<number, BuildNode>;
  readonly items: number[];
  /** Per item: its length + 1, or 0 for any. */
  readonly needs: number[];
}

/** Collects keys and ranks; {@link CharTrieBuilder.build} freezes them into a {@link CharTrie}. */
export class CharTrieBuilder {
  private readonly root: BuildNode = { next: new Map(), items: [], needs: [] };
  private keys = 0;

  /** With `reversed`, keys (and later texts) are read from the end: a suffix trie. */
  constructor(private readonly reversed = false) {}

  /** Stores `rank` under `key` (only for texts of `length`, if given); ranks of one key keep insertion order. */
  insert(key: string, rank: number, length?: number): void {
    let at = this.root;
    const n = key.length;
    for (let i = 0; i < n; i++) {
      const code = key.charCodeAt(this.reversed ? n - 1 - i : i);
      let child = at.next.get(code);
      if (!child) {
        child = { next: new Map(), items: [], needs: [] };
        at.next.set(code, child);
      }
      at = child;
    }
    at.items.push(rank);
    at.needs.push(length !== undefined && length < MAX_NEED ? length + 1 : 0);
    this.keys++;
  }

  /** True when nothing was inserted: a lookup would find nothing, so the index skips the trie. */
  get isEmpty(): boolean {
    return this.keys === 0;
  }

  build(): CharTrie {
    // Breadth-first numbering gives each node's children consecutive ids; the
    // telephony children go first, in slot order, so a child's id is the
    // first child's plus the number of lower bits set in the bitmap.
    const order: BuildNode[] = [this.root];
    const firstChild: number[] = [];
    const parentOf: number[] = [-1];
    for (let at = 0; at < order.length; at++) {
      firstChild.push(order.length);
      const children = [...order[at].next].sort(([a], [b]) => childOrder(a) - childOrder(b));
      for (const [, child] of children) {
        order.push(child);
        parentOf.push(at);
      }
    }
    const nodes = new Int32Array(order.length * SLOTS);
    const items: number[] = [];
    const other = new Map<string, number>();
    // Subtree minimums, children before parents (ids grow with depth).
    const min = order.map((n) => n.items.reduce((a, b) => Math.min(a, b), 0x7fffffff));
    for (let id = order.length - 1; id > 0; id--) {
      const parent = parentOf[id];
      min[parent] = Math.min(min[parent], min[id]);
    }
    order.forEach((n, id) => {
      const base = id * SLOTS;
      let mask = 0;
      let childId = firstChild[id];
      for (const code of [...n.next.keys()].sort((a, b) => childOrder(a) - childOrder(b))) {
        const slot = slotOf(code);
        if (slot >= 0) mask |= 1 << slot;
        else {
          mask |= OTHER_BIT;
          other.set(otherKey(id, code), childId);
        }
        childId++;
      }
      let head = mask;
      if (n.items.length === 1) {
        head |= (ONE_ITEM << ITEMS_SHIFT) | (n.needs[0] << NEED_SHIFT);
        nodes[base + ITEM_AT] = n.items[0];
      } else if (n.items.length > 1) {
        head |= ITEM_RUN << ITEMS_SHIFT;
        nodes[base + ITEM_AT] = items.length;
        items.push(n.items.length);
        n.items.forEach((rank, k) => items.push(rank, n.needs[k]));
      }
      nodes[base + HEAD_AT] = head;
      nodes[base + FIRST_AT] = firstChild[id];
      nodes[base + MIN_AT] = min[id];
    });
    return new CharTrie(this.reversed, nodes, Int32Array.from(items), other);
  }
}

/** Telephony characters in slot order first, then the others by code. */
function childOrder(code: number): number {
  const slot = slotOf(code);
  return slot >= 0 ? slot : 16 + code;
}

function otherKey(node: number, code: number): string {
  return `${node}:${code}`;
}

/**
 * An immutable trie. A lookup walks the text once and yields the ranks of
 * every node on the path, so a rank stored under key K is found for every
 * text that starts with K (ends with K, when reversed): the longest key and
 * all shorter ones.
 */
export class CharTrie {
  constructor(
    private readonly reversed: boolean,
    private readonly nodes: Int32Array,
    private readonly items: Int32Array,
    private readonly other: ReadonlyMap<string, number>,
  ) {}

  /**
   * Appends to `out` the ranks of every key that is a prefix (suffix, when
   * reversed) of `text`, shortest key first; with `bound`, only subtrees that
   * hold a rank below it are entered (ranks at or after it may still appear).
   */
  collect(text: string, out: RankBuffer, bound = 0x7fffffff): void {
    if (this.nodes[MIN_AT] >= bound) return;
    if (this.reversed) this.walkBackward(text, out, bound);
    else this.walkForward(text, out, bound);
  }

  private walkForward(text: string, out: RankBuffer, bound: number): void {
    const nodes = this.nodes;
    const n = text.length;
    let node = 0;
    for (let i = 0; ; i++) {
      const base = node * SLOTS;
      const head = nodes[base + HEAD_AT];
      if (head >= 1 << ITEMS_SHIFT) this.emit(base, head, n + 1, out);
      const mask = head & MASK_BITS;
      if (i === n || mask === 0) return;
      node = this.child(node, base, mask, text.charCodeAt(i));
      if (node < 0 || nodes[node * SLOTS + MIN_AT] >= bound) return;
    }
  }

  private walkBackward(text: string, out: RankBuffer, bound: number): void {
    const nodes = this.nodes;
    let node = 0;
    const need = text.length + 1;
    for (let i = text.length; ; i--) {
      const base = node * SLOTS;
      const head = nodes[base + HEAD_AT];
      if (head >= 1 << ITEMS_SHIFT) this.emit(base, head, need, out);
      const mask = head & MASK_BITS;
      if (i === 0 || mask === 0) return;
      node = this.child(node, base, mask, text.charCodeAt(i - 1));
      if (node < 0 || nodes[node * SLOTS + MIN_AT] >= bound) return;
    }
  }

  private child(node: number, base: number, mask: number, code: number): number {
    const slot = code < 128 ? SLOT_OF[code] : -1;
    if (slot >= 0) {
      const bit = 1 << slot;
      return (mask & bit) === 0 ? -1 : this.nodes[base + FIRST_AT] + POPCOUNT[mask & (bit - 1)];
    }
    return (mask & OTHER_BIT) === 0 ? -1 : (this.other.get(otherKey(node, code)) ?? -1);
  }

  /** Appends a node's ranks whose length (if any) is the text's: `need` is the text's length + 1. */
  private emit(base: number, head: number, need: number, out: RankBuffer): void {
    if (((head >>> ITEMS_SHIFT) & ITEMS_BITS) === ONE_ITEM) {
      const own = head >>> NEED_SHIFT;
      if (own === 0 || own === need) out.push(this.nodes[base + ITEM_AT]);
      return;
    }
    const start = this.nodes[base + ITEM_AT];
    const items = this.items;
    const end = start + 1 + 2 * items[start];
    for (let k = start + 1; k < end; k += 2) {
      const own = items[k + 1];
      if (own === 0 || own === need) out.push(items[k]);
    }
  }

  /** Number of nodes, for index statistics. */
  get size(): number {
    return this.nodes.length / SLOTS;
  }
}
