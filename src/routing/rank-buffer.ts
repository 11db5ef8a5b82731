/**
 * A growable list of route ranks, reused from one lookup to the next so the
 * hot path allocates nothing (lookups are synchronous; see route-index.ts for
 * the re-entrancy guard).
 */
export class RankBuffer {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }

  push(rank: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = rank;
  }

  pushAll(ranks: Int32Array): void {
    for (let k = 0; k < ranks.length; k++) this.push(ranks[k]);
  }

  /** Sorts the ranks ascending. Candidate lists are short, where insertion sort beats anything else. */
  sort(): void {
    const a = this.data;
    const n = this.length;
    if (n > 32) {
      a.subarray(0, n).sort();
      return;
    }
    for (let i = 1; i < n; i++) {
      const r = a[i];
      let j = i - 1;
      while (j >= 0 && a[j] > r) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = r;
    }
  }

  private grow(): void {
    const next = new Int32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}
