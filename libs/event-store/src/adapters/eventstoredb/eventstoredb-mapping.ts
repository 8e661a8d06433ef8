import { categoryOf, type AppendResult, type EventEnvelope, type EventMetadata, type ExpectedVersion } from '../../envelope';
import { hashParts } from '../../integrity/event-hash';
import { finishMetadata, type PreparedEvent } from '../../validation';

/*
 * Pure mapping between our envelopes and EventStoreDB records, kept apart from the adapter so that
 * only eventstoredb-event-store.ts imports the client. The shapes below are the parts of the client's
 * RecordedEvent the mapping reads.
 */

/** What Covenant stores as an EventStoreDB event's custom metadata. */
export interface StoredMetadata {
  /** Our EventMetadata exactly as hashed; wrapped so no caller key can collide with the chain's. */
  metadata: EventMetadata;
  schemaVersion: number;
  prevHash: string | null;
  hash: string;
  /** Read by EventStoreDB's system projections ($by_correlation_id). */
  $correlationId?: string;
  $causationId?: string;
}

export interface RecordedLike {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
}

/** The client reports 2^64 - 1 where the server sends no position (stream reads on older servers). */
const NO_POSITION = 18446744073709551615n;

export function positionNumber(commit: bigint | undefined): number | null {
  if (commit === undefined || commit === NO_POSITION) return null;
  return Number(commit);
}

function isStoredMetadata(m: unknown): m is StoredMetadata {
  if (typeof m !== 'object' || m === null) return false;
  const s = m as Partial<StoredMetadata>;
  return typeof s.hash === 'string' && typeof s.schemaVersion === 'number' && typeof s.metadata === 'object' && s.metadata !== null;
}

/** Our envelope from an EventStoreDB record, or null for events Covenant did not write (system, foreign). */
export function toEnvelope(e: RecordedLike, position: number | null): EventEnvelope | null {
  if (e.type.startsWith('$') || e.streamId.startsWith('$') || !isStoredMetadata(e.metadata)) return null;
  return {
    id: e.id,
    streamId: e.streamId,
    version: Number(e.revision),
    position: position ?? 0,
    type: e.type,
    schemaVersion: e.metadata.schemaVersion,
    data: e.data,
    metadata: e.metadata.metadata,
    prevHash: e.metadata.prevHash,
    hash: e.metadata.hash,
  };
}

export interface NewRecord {
  id: string;
  type: string;
  data: unknown;
  metadata: StoredMetadata;
}

/**
 * Stamps and hashes an append for EventStoreDB. The commit position is assigned by the server during
 * the write, so the hash cannot cover it: it is computed with `position: null` (computeEventHash with
 * includePosition: false verifies it). The order of the global log is covered by the Merkle log
 * instead; the per-stream chain still covers versions.
 */
export function stampEvents(streamId: string, events: PreparedEvent[], firstVersion: number, prevHash: string | null, recordedAt: string): NewRecord[] {
  let prev = prevHash;
  return events.map((e, i) => {
    const meta = finishMetadata(e.metadata, recordedAt);
    const hash = hashParts({
      dataJson: e.dataJson,
      id: e.id,
      metadataJson: meta.json,
      position: null,
      prevHash: prev,
      schemaVersion: e.schemaVersion,
      streamId,
      type: e.type,
      version: firstVersion + i,
    });
    const metadata: StoredMetadata = { metadata: meta.value as EventMetadata, schemaVersion: e.schemaVersion, prevHash: prev, hash };
    if (typeof meta.value.correlationId === 'string') metadata.$correlationId = meta.value.correlationId;
    if (typeof meta.value.causationId === 'string') metadata.$causationId = meta.value.causationId;
    prev = hash;
    return { id: e.id, type: e.type, data: JSON.parse(e.dataJson) as unknown, metadata };
  });
}

export function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  if (expected === 'exists') return actual >= 0;
  return expected === actual;
}

/** Where the original of a repeated append must sit when the caller named a version (null: unknown). */
export function expectedFirstVersion(expected: ExpectedVersion): number | null {
  if (expected === 'no-stream') return 0;
  return typeof expected === 'number' ? expected + 1 : null;
}

/** The stored events equal to this append's ids, consecutively and in order, if `window` holds them. */
export function findRepeat(window: EventEnvelope[], ids: string[]): EventEnvelope[] | null {
  const ascending = [...window].sort((a, b) => a.version - b.version);
  const start = ascending.findIndex((e) => e.id === ids[0]);
  if (start === -1) return null;
  const run = ascending.slice(start, start + ids.length);
  return run.length === ids.length && run.every((e, i) => e.id === ids[i] && e.version === run[0].version + i) ? run : null;
}

/** Anchored alternation for the client's regex filters; categories and types are escaped. */
export function anchoredAlternation(values: string[], suffix: string): string {
  const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return `^(?:${escaped.join('|')})${suffix}`;
}

export function resultOf(streamId: string, events: EventEnvelope[]): AppendResult {
  const last = events[events.length - 1];
  return { streamId, nextExpectedVersion: last.version, position: last.position, events };
}

export function matches(e: EventEnvelope, o: { categories?: string[]; types?: string[] }): boolean {
  return (!o.categories?.length || o.categories.includes(categoryOf(e.streamId))) && (!o.types?.length || o.types.includes(e.type));
}
