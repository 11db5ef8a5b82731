interface TrieNode<T> {
  readonly next: Map<number, TrieNode<T>>;
  readonly items: T[];
}

/**
 * A character trie whose nodes hold items. A lookup walks the text once and
 * yields the items of every node on the path, so an item stored under key K
 * is found for every text that starts with K (the longest key and all
 * shorter ones). With `reversed`, keys and texts are read from the end, which
 * makes it a suffix trie.
 */
export class CharTrie<T> {
  private readonly root: TrieNode<T> = { next: new Map(), items: [] };
  private nodeCount = 1;

  constructor(private readonly reversed = false) {}

  /** Stores `item` under `key`; items of one node keep insertion order. */
  insert(key: string, item: T): void {
    let node = this.root;
    const n = key.length;
    for (let i = 0; i < n; i++) {
      const code = key.charCodeAt(this.reversed ? n - 1 - i : i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map(), items: [] };
        node.next.set(code, child);
        this.nodeCount++;
      }
      node = child;
    }
    node.items.push(item);
  }

  /** Appends to `out` the items of every key that is a prefix (suffix, when reversed) of `text`, shortest key first. */
  collect(text: string, out: T[]): void {
    let node: TrieNode<T> | undefined = this.root;
    const n = text.length;
    for (let i = 0; ; i++) {
      const items = node.items;
      for (let k = 0; k < items.length; k++) out.push(items[k]);
      if (i === n) return;
      node = node.next.get(text.charCodeAt(this.reversed ? n - 1 - i : i));
      if (!node) return;
    }
  }

  /** Number of nodes, for index statistics. */
  get size(): number {
    return this.nodeCount;
  }
}
