/**
 * Character tries over route ranks. Keys are inserted into a builder, then
 * laid out flat in typed arrays: one 12-slot row per node (children for
 * '0'-'9', the start and count of its ranks), so each step of a lookup reads
 * one row instead of chasing several objects. Telephony keys are mostly
 * digits; other characters go through one shared map.
 */

const ZERO = 48;
const ROW = 12;
const ITEMS_AT = 10;
const COUNT_AT = 11;

interface BuildNode {
  readonly next: Map<number, BuildNode>;
  readonly items: number[];
}

/** Collects keys and ranks; {@link CharTrieBuilder.build} freezes them into a {@link CharTrie}. */
export class CharTrieBuilder {
  private readonly root: BuildNode = { next: new Map(), items: [] };

  /** With `reversed`, keys (and later texts) are read from the end: a suffix trie. */
  constructor(private readonly reversed = false) {}

  /** Stores `rank` under `key`; ranks of one key keep insertion order. */
  insert(key: string, rank: number): void {
    let at = this.root;
    const n = key.length;
    for (let i = 0; i < n; i++) {
      const code = key.charCodeAt(this.reversed ? n - 1 - i : i);
      let child = at.next.get(code);
      if (!child) {
        child = { next: new Map(), items: [] };
        at.next.set(code, child);
      }
      at = child;
    }
    at.items.push(rank);
  }

  build(): CharTrie {
    const order: BuildNode[] = [];
    const ids = new Map<BuildNode, number>();
    const queue = [this.root];
    while (queue.length > 0) {
      const n = queue.shift() as BuildNode;
      ids.set(n, order.length);
      order.push(n);
      for (const child of n.next.values()) queue.push(child);
    }
    const rows = new Int32Array(order.length * ROW).fill(-1);
    const items: number[] = [];
    const other = new Map<number, number>();
    order.forEach((n, id) => {
      const base = id * ROW;
      rows[base + ITEMS_AT] = items.length;
      rows[base + COUNT_AT] = n.items.length;
      items.push(...n.items);
      for (const [code, child] of n.next) {
        const d = code - ZERO;
        const childId = ids.get(child) as number;
        if (d >= 0 && d <= 9) rows[base + d] = childId;
        else other.set(otherKey(id, code), childId);
      }
    });
    return new CharTrie(this.reversed, rows, Int32Array.from(items), other);
  }
}

function otherKey(node: number, code: number): number {
  return node * 0x10000 + code;
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
    private readonly rows: Int32Array,
    private readonly items: Int32Array,
    private readonly other: ReadonlyMap<number, number>,
  ) {}

  /** Appends to `out` the ranks of every key that is a prefix (suffix, when reversed) of `text`, shortest key first. */
  collect(text: string, out: number[]): void {
    const { rows, items } = this;
    const n = text.length;
    let node = 0;
    for (let i = 0; ; i++) {
      const base = node * ROW;
      const count = rows[base + COUNT_AT];
      if (count > 0) {
        const start = rows[base + ITEMS_AT];
        for (let k = 0; k < count; k++) out.push(items[start + k]);
      }
      if (i === n) return;
      const code = text.charCodeAt(this.reversed ? n - 1 - i : i);
      const d = code - ZERO;
      const next = d >= 0 && d <= 9 ? rows[base + d] : (this.other.get(otherKey(node, code)) ?? -1);
      if (next < 0) return;
      node = next;
    }
  }

  /** Number of nodes, for index statistics. */
  get size(): number {
    return this.rows.length / ROW;
  }
}
