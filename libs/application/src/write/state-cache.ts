/**
 * In-memory snapshots of decided streams: the state at a version. A command loads only the tail after
 * the cached version, so a long stream costs one short read instead of a full fold. Bounded (LRU by
 * insertion refresh); safe with several processes because the tail read catches up and the append's
 * expected version rejects anything stale.
 */
export class StateCache<S> {
  private readonly entries = new Map<string, { version: number; state: S }>();

  constructor(private readonly maxEntries = 20_000) {}

  get(streamId: string): { version: number; state: S } | undefined {
    const e = this.entries.get(streamId);
    if (e) {
      this.entries.delete(streamId);
      this.entries.set(streamId, e);
    }
    return e;
  }

  set(streamId: string, version: number, state: S): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, { version, state });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  invalidate(streamId: string): void {
    this.entries.delete(streamId);
  }
}
