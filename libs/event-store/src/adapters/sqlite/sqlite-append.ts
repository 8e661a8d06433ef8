import type { AppendResult, EventEnvelope, EventMetadata, ExpectedVersion, InTransactionWork, StoreTransaction } from '../../envelope';
import { categoryOf } from '../../envelope';
import { DuplicateEventIdError } from '../../errors';
import { canonicalEnvelope, envelopeMetadataPart, envelopeTypePart, joinEnvelope, sha256Hex } from '../../integrity/event-hash';
import type { RecordClock } from '../../record-clock';
import { finishMetadata, type PreparedEvent } from '../../validation';
import { toEnvelope, type EventRow, type SqliteStatements } from './sqlite-rows';
import type { LogHead, LogHeadCache, StreamHead } from './log-head-cache';

const HEX_HASH = /^[0-9a-f]{64}$/;

export function versionMatches(expected: ExpectedVersion, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === -1;
    case 'exists':
      return current >= 0;
    default:
      return expected === current;
  }
}

/** Thrown inside the transaction to roll it back; turned into WrongExpectedVersionError (or an idempotent result) outside. */
export class VersionConflict {
  constructor(readonly actual: number) {}
}

export interface AppendContext {
  statements: SqliteStatements;
  clock: RecordClock;
  heads: LogHeadCache;
}

/**
 * The body of the append transaction (the caller runs it under BEGIN IMMEDIATE, so the head and the
 * stream's last hash cannot move underneath). The hot loop does at most one canonicalisation of metadata,
 * one SHA-256 and one prepared insert per event; everything else is per append.
 */
export function appendInTransaction(
  ctx: AppendContext,
  streamId: string,
  prepared: readonly PreparedEvent[],
  data: readonly unknown[],
  expected: ExpectedVersion,
): AppendResult {
  const { statements: s, clock, heads } = ctx;
  const head = heads.logHead(() => s.head.get() as LogHead | undefined);
  // Another process may have written with a later clock: never stamp behind the log's last event.
  clock.observe(head?.recorded_at);
  const recordedAt = clock.stamp();
  const last = heads.streamHead(streamId, () => s.streamHead.get(streamId) as StreamHead | undefined);
  const current = last ? last.version : -1;
  if (!versionMatches(expected, current)) throw new VersionConflict(current);

  const category = categoryOf(streamId);
  let position = head ? head.position : 0;
  let version = current;
  let prevHash: string | null = last ? last.hash : null;
  // Every spliced string is checked (ids, stream id, type) or hex, unless the stored hash was altered.
  const trusted = prevHash === null || HEX_HASH.test(prevHash);
  const events: EventEnvelope[] = new Array(prepared.length);
  let meta: { json: string; value: Record<string, unknown> } | undefined;
  let metadataPart = '';
  let typePart = '';
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i];
    const before = i === 0 ? undefined : prepared[i - 1];
    position++;
    version++;
    // The events of one command usually share their metadata (correlation, causation, actor), and
    // prepareEvents hands equal neighbours one object: canonicalised once per run of it.
    if (meta === undefined || p.metadata !== (before as PreparedEvent).metadata) {
      meta = finishMetadata(p.metadata, recordedAt);
      metadataPart = envelopeMetadataPart(meta.json);
    }
    if (before === undefined || p.type !== before.type || p.schemaVersion !== before.schemaVersion) typePart = envelopeTypePart(p.schemaVersion, streamId, p.type);
    const text = trusted
      ? joinEnvelope(p.dataJson, p.id, metadataPart, position, prevHash, typePart, version)
      : canonicalEnvelope({ dataJson: p.dataJson, id: p.id, metadataJson: meta.json, position, prevHash, schemaVersion: p.schemaVersion, streamId, type: p.type, version });
    const hash = sha256Hex(text);
    s.insert.run(position, p.id, streamId, version, category, p.type, p.schemaVersion, p.dataJson, meta.json, recordedAt, prevHash, hash);
    events[i] = {
      id: p.id,
      streamId,
      version,
      position,
      type: p.type,
      schemaVersion: p.schemaVersion,
      // The caller's own (validated, plain-JSON) object: equal to what a read returns, and parsing
      // the stored text back cost as much as the SHA-256. Metadata is a fresh object per event.
      data: data[i],
      metadata: { ...meta.value } as EventMetadata,
      prevHash,
      hash,
    };
    prevHash = hash;
  }
  return { streamId, nextExpectedVersion: version, position, events };
}

/** Runs in-transaction work synchronously; a returned promise is a programming error on sqlite. */
export function runWork(work: InTransactionWork, events: EventEnvelope[], tx: StoreTransaction): void {
  const result: unknown = work(events, tx);
  if (result !== undefined && typeof (result as { then?: unknown }).then === 'function') {
    // The append fails either way; keep its rejection from surfacing as an unhandled one.
    (result as Promise<unknown>).then(undefined, () => undefined);
    throw new Error('SQLite in-transaction work must be synchronous: it returned a Promise, so the append was rolled back');
  }
}

/**
 * EventStoreDB's idempotency: when every id is already stored in this stream, consecutively and in
 * this order, the original result is returned and nothing is written. Returns undefined when none of
 * the ids is stored (the caller then reports its own error); throws DuplicateEventIdError otherwise.
 */
export function idempotentResult(statements: SqliteStatements, streamId: string, prepared: readonly PreparedEvent[]): AppendResult | undefined {
  const rows = prepared.map((p) => statements.byId.get(p.id) as EventRow | undefined);
  const firstStored = rows.findIndex((r) => r !== undefined);
  if (firstStored === -1) return undefined;
  const first = rows[0];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!r || !first || r.stream_id !== streamId || r.version !== first.version + i) {
      throw new DuplicateEventIdError(prepared[r ? i : firstStored].id);
    }
  }
  const events = (rows as EventRow[]).map(toEnvelope);
  const lastEvent = events[events.length - 1];
  return { streamId, nextExpectedVersion: lastEvent.version, position: lastEvent.position, events };
}

/**
 * By code, not `instanceof`: better-sqlite3 registers its error class with the native addon once per
 * process, so under jest (a realm per test file) the class can come from another realm.
 */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}
