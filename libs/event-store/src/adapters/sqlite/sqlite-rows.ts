import type { Database, Statement } from 'better-sqlite3';
import type { EventEnvelope, EventMetadata } from '../../envelope';
import { INSERT_EVENT_SQL } from './sqlite-schema';

/** How an event row comes back from SQLite. */
export interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string | null;
  hash: string;
}

const COLUMNS = 'position, id, stream_id, version, type, schema_version, data, metadata, prev_hash, hash';

export function toEnvelope(r: EventRow): EventEnvelope {
  return {
    id: r.id,
    streamId: r.stream_id,
    version: r.version,
    position: r.position,
    type: r.type,
    schemaVersion: r.schema_version,
    data: JSON.parse(r.data),
    metadata: JSON.parse(r.metadata) as EventMetadata,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Which optional filters a readAll/subscription query applies; one prepared statement per shape. */
export type FilterShape = 'none' | 'categories' | 'types' | 'both';

export function filterShape(categories?: readonly string[], types?: readonly string[]): FilterShape {
  const c = categories !== undefined;
  const t = types !== undefined;
  return c && t ? 'both' : c ? 'categories' : t ? 'types' : 'none';
}

/**
 * Every statement the store runs, prepared once. Filters take their lists as one JSON array
 * parameter (`json_each`), so any number of categories or types shares one statement.
 */
export function prepareStatements(db: Database) {
  const filter = (shape: FilterShape): string =>
    (shape === 'categories' || shape === 'both' ? ' AND category IN (SELECT value FROM json_each(?))' : '') +
    (shape === 'types' || shape === 'both' ? ' AND type IN (SELECT value FROM json_each(?))' : '');
  const page = (shape: FilterShape): Statement =>
    db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ?${filter(shape)} ORDER BY position LIMIT ?`);
  return {
    insert: db.prepare(INSERT_EVENT_SQL),
    head: db.prepare('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1'),
    headPosition: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    streamHead: db.prepare('SELECT version, hash FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1'),
    /** The version alone is in the (stream_id, version) index: no visit to the table row (a cold page for most streams). */
    streamVersion: db.prepare('SELECT version FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1').pluck(),
    byId: db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`),
    streamForwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`,
    ),
    streamBackwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version DESC LIMIT ?`,
    ),
    /** Rows with after < position <= upTo, in log order. */
    allPage: {
      none: page('none'),
      categories: page('categories'),
      types: page('types'),
      both: page('both'),
    } satisfies Record<FilterShape, Statement>,
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** Parameters for an allPage statement of the given shape. */
export function pageParams(after: number, upTo: number, limit: number, categories?: readonly string[], types?: readonly string[]): unknown[] {
  const params: unknown[] = [after, upTo];
  if (categories !== undefined) params.push(JSON.stringify(categories));
  if (types !== undefined) params.push(JSON.stringify(types));
  params.push(limit);
  return params;
}
