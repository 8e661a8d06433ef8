import type { EventEnvelope, EventMetadata, ExpectedVersion } from '../../envelope';
import { DuplicateEventIdError } from '../../errors';
import type { PreparedEvent } from '../../validation';

/**
 * An event as the memory store keeps it: the canonical JSON text, like a real store, so a reader that
 * mutates what it got can never change the log, and every read parses afresh.
 */
export interface MemoryRow {
  id: string;
  streamId: string;
  category: string;
  version: number;
  position: number;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  prevHash: string | null;
  hash: string;
}

export function rowToEnvelope(r: MemoryRow): EventEnvelope {
  return {
    id: r.id,
    streamId: r.streamId,
    version: r.version,
    position: r.position,
    type: r.type,
    schemaVersion: r.schemaVersion,
    data: JSON.parse(r.dataJson),
    metadata: JSON.parse(r.metadataJson) as EventMetadata,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export function expectedVersionMatches(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === -1;
  if (expected === 'exists') return current >= 0;
  return expected === current;
}

/**
 * The same idempotency rule as the other stores: every id stored in this stream, consecutively and in
 * order, means a repeat (returns the stored rows); none stored returns undefined; anything else throws.
 */
export function storedRepeat(
  byId: ReadonlyMap<string, MemoryRow>,
  streamId: string,
  prepared: readonly PreparedEvent[],
): MemoryRow[] | undefined {
  const rows = prepared.map((p) => byId.get(p.id));
  const firstStored = rows.findIndex((r) => r !== undefined);
  if (firstStored === -1) return undefined;
  const first = rows[0];
  rows.forEach((r, i) => {
    if (!r || !first || r.streamId !== streamId || r.version !== first.version + i) {
      throw new DuplicateEventIdError(prepared[r ? i : firstStored].id);
    }
  });
  return rows as MemoryRow[];
}

/** Whether a row passes readAll/subscription filters. */
export function matches(r: MemoryRow, categories?: readonly string[], types?: readonly string[]): boolean {
  return (categories === undefined || categories.includes(r.category)) && (types === undefined || types.includes(r.type));
}
