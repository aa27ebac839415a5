/**
 * A small least-recently-used cache: layouts keyed by graph hash. Bounded, because a session that
 * opens many large runs would otherwise keep every layout it ever computed.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`LruCache limit must be a positive integer, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key`, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting makes the key the newest.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores `value`, dropping the least recently used entry beyond the limit. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
}
