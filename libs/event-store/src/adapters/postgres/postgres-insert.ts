import type { PoolClient } from 'pg';

/** One event row as the append computed it (canonical texts exactly as hashed). */
export interface InsertRow {
  position: number;
  version: number;
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  prevHash: string | null;
  hash: string;
}

const COLUMNS = '(position, stream_id, version, id, category, type, schema_version, recorded_at, data, metadata, prev_hash, hash)';
const PER_ROW = 9;

/**
 * Appends up to this many rows go as a multi-row VALUES with one parameter per field, prepared once
 * per size and connection: measured about 20% faster than unnest for 100 rows, because the server
 * parses no array literals (and the client escapes none). Larger appends stay within the protocol's
 * 65,535-parameter limit by sending columns as arrays through unnest. Either way: one statement.
 */
const VALUES_MAX_ROWS = 100;

function valuesSql(rows: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const p = 4 + r * PER_ROW;
    tuples.push(`($${p}::bigint, $1, $${p + 1}::integer, $${p + 2}::uuid, $2, $${p + 3}, $${p + 4}::integer, $3, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`);
  }
  return `INSERT INTO covenant_events ${COLUMNS} VALUES ${tuples.join(', ')}`;
}

const UNNEST_SQL = `
INSERT INTO covenant_events ${COLUMNS}
SELECT u.position, $1, u.version, u.id, $2, u.type, u.schema_version, $3, u.data, u.metadata, u.prev_hash, u.hash
FROM unnest($4::bigint[], $5::integer[], $6::uuid[], $7::text[], $8::integer[], $9::text[], $10::text[], $11::text[], $12::text[])
  AS u(position, version, id, type, schema_version, data, metadata, prev_hash, hash)`;

const valuesText = new Map<number, string>();

export async function insertEvents(client: PoolClient, streamId: string, category: string, recordedAt: string, rows: InsertRow[]): Promise<void> {
  if (rows.length <= VALUES_MAX_ROWS) {
    const values: unknown[] = [streamId, category, recordedAt];
    for (const r of rows) values.push(r.position, r.version, r.id, r.type, r.schemaVersion, r.dataJson, r.metadataJson, r.prevHash, r.hash);
    let text = valuesText.get(rows.length);
    if (!text) valuesText.set(rows.length, (text = valuesSql(rows.length)));
    await client.query({ name: `covenant_insert_${rows.length}`, text, values });
    return;
  }
  await client.query({
    name: 'covenant_insert_unnest',
    text: UNNEST_SQL,
    values: [
      streamId, category, recordedAt,
      rows.map((r) => r.position), rows.map((r) => r.version), rows.map((r) => r.id), rows.map((r) => r.type),
      rows.map((r) => r.schemaVersion), rows.map((r) => r.dataJson), rows.map((r) => r.metadataJson),
      rows.map((r) => r.prevHash), rows.map((r) => r.hash),
    ],
  });
}
