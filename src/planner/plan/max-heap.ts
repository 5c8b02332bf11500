/**
 * A binary max-heap of option indices keyed by a number, for the lazy greedy: keys are upper
 * bounds of the current value density (a strip's marginal gain only shrinks as overlapping
 * strips are taken), so an entry whose re-evaluated key is still the largest is the best.
 */
export class MaxHeap {
  private readonly ids: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Largest key (−∞ when empty). */
  topKey(): number {
    return this.keys.length > 0 ? this.keys[0]! : -Infinity;
  }

  push(id: number, key: number): void {
    const ids = this.ids;
    const keys = this.keys;
    let i = ids.length;
    ids.push(id);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! >= key) break;
      ids[i] = ids[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }

  /** Removes and returns the id with the largest key (−1 when empty). */
  pop(): number {
    const ids = this.ids;
    const keys = this.keys;
    if (ids.length === 0) return -1;
    const top = ids[0]!;
    const lastId = ids.pop()!;
    const lastKey = keys.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && keys[l + 1]! > keys[l]! ? l + 1 : l;
        if (keys[c]! <= lastKey) break;
        ids[i] = ids[c]!;
        keys[i] = keys[c]!;
        i = c;
      }
      ids[i] = lastId;
      keys[i] = lastKey;
    }
    return top;
  }
}
