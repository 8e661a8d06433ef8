import type { Pool } from 'pg';
import type { EventEnvelope } from '../../envelope';

/**
 * Advisory lock keys (per database). APPEND_LOCK serialises every append of every process; SCHEMA_LOCK
 * guards the CREATE TABLE IF NOT EXISTS, which is not safe when two sessions run it at once (both may
 * pass the existence check and one then fails on the catalog's unique index).
 */
export const APPEND_LOCK = '7165075710185401972'; // 'covenant' as a big-endian int64
export const SCHEMA_LOCK = '7165075710185401973';

/** LISTEN/NOTIFY channel woken after every committed append. */
export const NOTIFY_CHANNEL = 'covenant_events';

/**
 * `data` and `metadata` hold the canonical JSON text exactly as hashed (jsonb would reorder keys and
 * drop the bytes the hash covers). Positions and versions are assigned under APPEND_LOCK, so the
 * unique constraints are a backstop, not the concurrency mechanism. UUIDv7 ids keep the id index
 * append-mostly. `recorded_at` is the ISO text of metadata.recordedAt, read back to keep the clock
 * monotonic across processes.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS covenant_events (
  position       bigint  PRIMARY KEY,
  stream_id      text    NOT NULL,
  version        integer NOT NULL,
  id             uuid    NOT NULL,
  category       text    NOT NULL,
  type           text    NOT NULL,
  schema_version integer NOT NULL,
  recorded_at    text    NOT NULL,
  data           text    NOT NULL,
  metadata       text    NOT NULL,
  prev_hash      text,
  hash           text    NOT NULL,
  CONSTRAINT covenant_events_stream_version UNIQUE (stream_id, version),
  CONSTRAINT covenant_events_id UNIQUE (id)
)`;

export async function createSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('covenant_events') IS NOT NULL AS exists",
    );
    if (rows[0].exists) return;
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${SCHEMA_LOCK}); ${DDL}; COMMIT`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Columns in the order `rowToEnvelope` expects. */
export const EVENT_COLUMNS =
  'position, stream_id, version, id, type, schema_version, data, metadata, prev_hash, hash';

export interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string | null;
  hash: string;
}

export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.id,
    streamId: row.stream_id,
    version: row.version,
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventEnvelope['metadata'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
