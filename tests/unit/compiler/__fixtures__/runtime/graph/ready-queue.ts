import type { SchedulingPolicy } from './types';

/**
 * Binary min-heap of package ids ordered by `(primary[id], secondary[id])`, O(log n) push and pop.
 * The keys live in caller-owned typed arrays indexed by id, so the heap itself stores only ids in
 * an Int32Array; a key must not change while its id is in the heap.
 */
export class IdHeap {
  private items: Int32Array;
  private count = 0;

  /** Creates an empty heap ordered by the two key arrays. */
  constructor(
    private readonly primary: Float64Array,
    private readonly secondary: Float64Array,
    capacity = 16,
  ) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** Number of ids in the heap. */
  get size(): number {
    return this.count;
  }

  /** Adds an id. */
  push(id: number): void {
    if (this.count === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    const items = this.items;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!this.before(id, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = id;
  }

  /** The smallest id without removing it, or -1 when empty. */
  peek(): number {
    return this.count === 0 ? -1 : this.items[0]!;
  }

  /** Removes and returns the smallest id, or -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const items = this.items;
    const top = items[0]!;
    const last = items[--this.count]!;
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(items[child + 1]!, items[child]!)) child++;
      if (!this.before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    if (n > 0) items[i] = last;
    return top;
  }

  /** Empties the heap, keeping its storage. */
  clear(): void {
    this.count = 0;
  }

  private before(a: number, b: number): boolean {
    const pa = this.primary[a]!;
    const pb = this.primary[b]!;
    return pa < pb || (pa === pb && this.secondary[a]! < this.secondary[b]!);
  }
}

/**
 * The picker of the next package to start, for one scheduling policy.
 * - `critical-path-first` orders by bottom level, largest first (the package with the longest
 *   remaining path), then by readiness sequence.
 * - `fifo` orders by readiness sequence only.
 * `sequence[id]` is the caller's readiness counter, set when the id becomes ready and before
 * `push`; it makes ties (and the whole FIFO order) deterministic.
 */
export class ReadyQueue {
  private readonly heap: IdHeap;

  /**
   * @param policy - which package wins.
   * @param sequence - readiness sequence number by id, owned and updated by the caller.
   * @param bottomLevels - bottom level by id; required for `critical-path-first`.
   */
  constructor(
    readonly policy: SchedulingPolicy,
    sequence: Float64Array,
    bottomLevels?: Float64Array,
  ) {
    let primary = sequence;
    if (policy === 'critical-path-first') {
      if (!bottomLevels) throw new Error('critical-path-first needs bottom levels');
      primary = bottomLevels.map((x) => -x); // a min-heap on the negated level pops the largest first
    }
    this.heap = new IdHeap(primary, sequence, Math.min(1024, sequence.length + 1));
  }

  /** Number of entries (including stale ones the owner has not popped yet). */
  get size(): number {
    return this.heap.size;
  }

  /** Adds a ready package. */
  push(id: number): void {
    this.heap.push(id);
  }

  /** Removes and returns the best package, or -1 when empty. */
  pop(): number {
    return this.heap.pop();
  }

  /** Removes every entry. */
  clear(): void {
    this.heap.clear();
  }
}
