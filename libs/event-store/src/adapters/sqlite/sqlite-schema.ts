import type { Database } from 'better-sqlite3';

export type SqliteSynchronous = 'NORMAL' | 'FULL';

/**
 * One table. Index design decides append speed (QUALITY.md), so there are exactly three B-trees:
 * - `position INTEGER PRIMARY KEY` is the rowid: the global log order costs no extra index, and new
 *   rows always land at the right edge of the table B-tree. Gap-free because the store assigns it
 *   inside the write lock and a rolled-back append leaves nothing behind.
 * - `events_id` (unique id) gives idempotent re-appends and rejects reused ids. Ids default to
 *   UUIDv7, so this index is appended to at its right edge as well.
 * - `events_stream_version` (unique stream_id, version) is optimistic concurrency's last line of
 *   defence and answers "current version and last hash of stream S" in one descent. That is why
 *   there is no separate `streams` table: it would be a second write per append for the same answer.
 * `category` and `type` are plain columns: filtered reads walk the rowid range and skip rows in C,
 * which is cheaper overall than paying a fourth index on every append.
 * `data` and `metadata` hold the RFC 8785 canonical text that was hashed, byte for byte.
 */
export const EVENTS_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL,
  stream_id      TEXT    NOT NULL,
  version        INTEGER NOT NULL,
  category       TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  prev_hash      TEXT,
  hash           TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (id);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_version ON events (stream_id, version);
`;

/** Columns in insert order; the benchmark's raw insert uses the same statement text. */
export const INSERT_EVENT_SQL =
  'INSERT INTO events (position, id, stream_id, version, category, type, schema_version, data, metadata, recorded_at, prev_hash, hash) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * WAL lets readers (subscriptions, queries) run beside the single writer. synchronous=NORMAL in WAL
 * loses no committed transaction on a process crash, only possibly the last ones on power loss; FULL
 * also survives power loss at the cost of an fsync per commit.
 */
export function applyPragmas(db: Database, synchronous: SqliteSynchronous | undefined): void {
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
  if (synchronous) db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
}

export function createSchema(db: Database): void {
  db.exec(EVENTS_DDL);
}
