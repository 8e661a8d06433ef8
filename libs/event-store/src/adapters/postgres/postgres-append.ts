import type { Pool, PoolClient } from 'pg';
import { categoryOf, type AppendResult, type EventEnvelope, type ExpectedVersion, type InTransactionWork } from '../../envelope';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../../errors';
import { hashParts } from '../../integrity/event-hash';
import type { RecordClock } from '../../record-clock';
import { finishMetadata, type PreparedEvent } from '../../validation';
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
  duplicates: string;
}

/** Everything the append must know, read in one round trip once the lock is held (fresh snapshot). */
const STATE_SQL = `
SELECT h.position AS head, h.recorded_at AS head_recorded_at,
       s.version AS stream_version, s.hash AS stream_hash,
       (SELECT count(*) FROM covenant_events WHERE id = ANY($2::uuid[])) AS duplicates
FROM (SELECT 1) one
LEFT JOIN LATERAL (SELECT position, recorded_at FROM covenant_events ORDER BY position DESC LIMIT 1) h ON true
LEFT JOIN LATERAL (SELECT version, hash FROM covenant_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1) s ON true`;

/** One statement per append, whatever its size: the rows travel as arrays and unnest server-side. */
const INSERT_SQL = `
INSERT INTO covenant_events
  (position, stream_id, version, id, category, type, schema_version, recorded_at, data, metadata, prev_hash, hash)
SELECT u.position, $1, u.version, u.id, $2, u.type, u.schema_version, $3, u.data, u.metadata, u.prev_hash, u.hash
FROM unnest($4::bigint[], $5::integer[], $6::uuid[], $7::text[], $8::integer[], $9::text[], $10::text[], $11::text[], $12::text[])
  AS u(position, version, id, type, schema_version, data, metadata, prev_hash, hash)`;

function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  if (expected === 'exists') return actual >= 0;
  return expected === actual;
}

/**
 * Runs one append on `client`. Callers hold no transaction; this opens one, takes APPEND_LOCK (held
 * until commit), so positions are assigned and committed one append at a time across every process:
 * commit order equals position order, and a reader that has seen position p has seen everything
 * below p. Any throw rolls everything back (events and in-transaction work).
 */
export async function appendInTransaction(pool: Pool, req: AppendRequest): Promise<AppendResult> {
  const client = await pool.connect();
  let unusable: Error | undefined;
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    const result = await appendLocked(client, req);
    await client.query(result.written ? `NOTIFY ${NOTIFY_CHANNEL}, '${result.position}'; COMMIT` : 'COMMIT');
    return result.result;
  } catch (error) {
    // A failed ROLLBACK means the connection itself is gone: the pool must not hand it out again.
    await client.query('ROLLBACK').catch((e: Error) => {
      unusable = e;
    });
    throw error;
  } finally {
    client.release(unusable);
  }
}

async function appendLocked(client: PoolClient, req: AppendRequest): Promise<{ result: AppendResult; written: boolean; position: number }> {
  const ids = req.events.map((e) => e.id);
  const { rows } = await client.query<StateRow>({ name: 'covenant_append_state', text: STATE_SQL, values: [req.streamId, ids] });
  const state = rows[0];
  const actual = state.stream_version ?? -1;
  if (Number(state.duplicates) > 0) {
    const original = await idempotentResult(client, req.streamId, ids);
    if (original) return { result: original, written: false, position: original.position };
  }
  if (!versionMatches(req.expected, actual)) throw new WrongExpectedVersionError(req.streamId, req.expected, actual);
  if (Number(state.duplicates) > 0) await throwFirstDuplicate(client, ids);

  req.clock.observe(state.head_recorded_at);
  const recordedAt = req.clock.stamp();
  const head = Number(state.head ?? 0);
  let prevHash = state.stream_hash;
  // The canonical metadata text is stored exactly as hashed.
  const metadataJson: string[] = [];
  const events: EventEnvelope[] = req.events.map((e, i) => {
    const meta = finishMetadata(e.metadata, recordedAt);
    metadataJson.push(meta.json);
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
  await client.query({
    name: 'covenant_append_insert',
    text: INSERT_SQL,
    values: [
      req.streamId,
      categoryOf(req.streamId),
      recordedAt,
      events.map((e) => e.position),
      events.map((e) => e.version),
      ids,
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      req.events.map((e) => e.dataJson),
      metadataJson,
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  });
  const tx = { kind: 'postgres' as const, client };
  for (const work of req.work) await work(events, tx);
  const last = events[events.length - 1];
  return {
    result: { streamId: req.streamId, nextExpectedVersion: last.version, position: last.position, events },
    written: true,
    position: last.position,
  };
}

/**
 * EventStoreDB's idempotency: a repeat of an append whose ids are all stored, consecutively, in this
 * stream and in this order returns the original result and writes nothing. Anything else with a
 * stored id is a DuplicateEventIdError.
 */
async function idempotentResult(client: PoolClient, streamId: string, ids: string[]): Promise<AppendResult | null> {
  const { rows } = await client.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM covenant_events WHERE id = ANY($1::uuid[]) ORDER BY position`,
    [ids],
  );
  if (rows.length !== ids.length) return null;
  const events = rows.map(rowToEnvelope);
  const same = events.every(
    (e, i) => e.streamId === streamId && e.id === ids[i] && e.version === events[0].version + i,
  );
  if (!same) return null;
  const last = events[events.length - 1];
  return { streamId, nextExpectedVersion: last.version, position: last.position, events };
}

async function throwFirstDuplicate(client: PoolClient, ids: string[]): Promise<never> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM covenant_events WHERE id = ANY($1::uuid[])', [ids]);
  const stored = new Set(rows.map((r) => r.id));
  throw new DuplicateEventIdError(ids.find((id) => stored.has(id)) ?? ids[0]);
}
