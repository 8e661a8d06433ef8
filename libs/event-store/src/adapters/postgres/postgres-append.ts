import type { Pool, PoolClient, QueryResult } from 'pg';
import { categoryOf, type AppendResult, type EventEnvelope, type ExpectedVersion, type InTransactionWork } from '../../envelope';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../../errors';
import { hashParts } from '../../integrity/event-hash';
import type { RecordClock } from '../../record-clock';
import { finishMetadata, type PreparedEvent } from '../../validation';
import { insertEvents, type InsertRow } from './postgres-insert';
import { APPEND_LOCK, EVENT_COLUMNS, NOTIFY_CHANNEL, rowToEnvelope, type EventRow } from './postgres-schema';

export interface AppendRequest {
  streamId: string;
  events: PreparedEvent[];
  expected: ExpectedVersion;
  clock: RecordClock;
  /** Per-append work first, then the registered work (inline projections). */
  work: InTransactionWork[];
}

interface StateRow {
  head: string | null;
  head_recorded_at: string | null;
  stream_version: number | null;
  stream_hash: string | null;
}

/**
 * What the append must know, read once the lock is held. It travels with BEGIN and the lock in one
 * simple-protocol round trip: each statement of a multi-statement query takes its own snapshot (READ
 * COMMITTED), so the SELECT sees every append committed before the lock was granted. Simple protocol
 * takes no parameters, so the SELECT is an SQL-level prepared statement (planned once per connection)
 * executed with the stream id as an escaped literal (it is validated by pattern as well).
 */
const PREPARE_STATE = `PREPARE covenant_append_state(text) AS
SELECT h.position AS head, h.recorded_at AS head_recorded_at, s.version AS stream_version, s.hash AS stream_hash
FROM (SELECT 1) one
LEFT JOIN LATERAL (SELECT position, recorded_at FROM covenant_events ORDER BY position DESC LIMIT 1) h ON true
LEFT JOIN LATERAL (SELECT version, hash FROM covenant_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1) s ON true`;
const prepared = new WeakSet<PoolClient>();

async function lockAndReadState(client: PoolClient, streamId: string): Promise<StateRow> {
  if (!prepared.has(client)) {
    await client.query(PREPARE_STATE);
    prepared.add(client);
  }
  const sql = `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK}); EXECUTE covenant_append_state(${client.escapeLiteral(streamId)})`;
  const results = (await client.query(sql)) as unknown as QueryResult<StateRow>[];
  return results[2].rows[0];
}

function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  if (expected === 'exists') return actual >= 0;
  return expected === actual;
}

type Outcome =
  | { kind: 'written'; result: AppendResult }
  | { kind: 'wrong-version'; actual: number }
  | { kind: 'stored-id' };

/**
 * Runs one append on a pooled client in its own transaction. It takes APPEND_LOCK (held until
 * commit), so positions are assigned and committed one append at a time across every process: commit
 * order equals position order, and a reader that has seen position p has seen everything below p.
 * Any throw rolls everything back (events and in-transaction work).
 *
 * Stored ids are not looked up on the hot path: the unique index on id finds them during the INSERT.
 * Only after a version mismatch or such a collision (both rolled back, lock released) does the append
 * ask whether it repeats an earlier one (idempotent retry) or really conflicts.
 */
export async function appendInTransaction(pool: Pool, req: AppendRequest): Promise<AppendResult> {
  const client = await pool.connect();
  let unusable: Error | undefined;
  const rollback = () =>
    client.query('ROLLBACK').catch((e: Error) => {
      // A failed ROLLBACK means the connection itself is gone: the pool must not hand it out again.
      unusable = e;
    });
  try {
    let outcome: Outcome;
    try {
      outcome = await appendLocked(client, req);
      if (outcome.kind === 'written') {
        const last = outcome.result.position;
        await client.query(`NOTIFY ${NOTIFY_CHANNEL}, '${last}'; COMMIT`);
        return outcome.result;
      }
    } catch (error) {
      if (!isStoredIdViolation(error)) {
        await rollback();
        throw error;
      }
      outcome = { kind: 'stored-id' };
    }
    await rollback();
    const ids = req.events.map((e) => e.id);
    const stored = await storedEvents(client, ids);
    const original = idempotentResult(req.streamId, ids, stored);
    if (original) return original;
    if (outcome.kind === 'wrong-version') throw new WrongExpectedVersionError(req.streamId, req.expected, outcome.actual);
    const storedIds = new Set(stored.map((e) => e.id));
    throw new DuplicateEventIdError(ids.find((id) => storedIds.has(id)) ?? ids[0]);
  } finally {
    client.release(unusable);
  }
}

async function appendLocked(client: PoolClient, req: AppendRequest): Promise<Outcome> {
  const state = await lockAndReadState(client, req.streamId);
  const actual = state.stream_version ?? -1;
  if (!versionMatches(req.expected, actual)) return { kind: 'wrong-version', actual };

  req.clock.observe(state.head_recorded_at);
  const recordedAt = req.clock.stamp();
  const head = Number(state.head ?? 0);
  let prevHash = state.stream_hash;
  // Rows carry the canonical texts exactly as hashed; envelopes carry the parsed values.
  const rows: InsertRow[] = [];
  const events: EventEnvelope[] = req.events.map((e, i) => {
    const meta = finishMetadata(e.metadata, recordedAt);
    const parts = {
      dataJson: e.dataJson,
      id: e.id,
      metadataJson: meta.json,
      position: head + 1 + i,
      prevHash,
      schemaVersion: e.schemaVersion,
      streamId: req.streamId,
      type: e.type,
      version: actual + 1 + i,
    };
    const hash = hashParts(parts);
    rows.push({ ...parts, hash });
    const envelope: EventEnvelope = {
      id: e.id,
      streamId: req.streamId,
      version: parts.version,
      position: parts.position,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: JSON.parse(e.dataJson) as unknown,
      metadata: meta.value as EventEnvelope['metadata'],
      prevHash,
      hash,
    };
    prevHash = hash;
    return envelope;
  });
  await insertEvents(client, req.streamId, categoryOf(req.streamId), recordedAt, rows);
  const tx = { kind: 'postgres' as const, client };
  for (const work of req.work) await work(events, tx);
  const last = events[events.length - 1];
  return { kind: 'written', result: { streamId: req.streamId, nextExpectedVersion: last.version, position: last.position, events } };
}

function isStoredIdViolation(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e !== null && typeof e === 'object' && e.code === '23505' && e.constraint === 'covenant_events_id';
}

async function storedEvents(client: PoolClient, ids: string[]): Promise<EventEnvelope[]> {
  const { rows } = await client.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM covenant_events WHERE id = ANY($1::uuid[]) ORDER BY position`,
    [ids],
  );
  return rows.map(rowToEnvelope);
}

/**
 * EventStoreDB's idempotency: a repeat of an append whose ids are all stored, consecutively, in this
 * stream and in this order returns the original result and writes nothing.
 */
function idempotentResult(streamId: string, ids: string[], stored: EventEnvelope[]): AppendResult | null {
  if (stored.length !== ids.length) return null;
  const same = stored.every((e, i) => e.streamId === streamId && e.id === ids[i] && e.version === stored[0].version + i);
  if (!same) return null;
  const last = stored[stored.length - 1];
  return { streamId, nextExpectedVersion: last.version, position: last.position, events: stored };
}
