/**
 * The few SQL operations the integrity tables need, with `?` placeholders; the application's
 * SqlSession (sqlite or PostgreSQL, on the store's own database) has this shape.
 */
export interface SqlExecutor {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  exec(ddl: string): Promise<void>;
}

/**
 * Two tables beside the events, in the same database (SQLite file or PostgreSQL), written in portable
 * SQL (ON CONFLICT works on both engines).
 *
 * `covenant_merkle` holds every complete subtree of the RFC 6962 tree over the log: (level, idx) is
 * the root of leaves [idx·2^level, (idx+1)·2^level), level 0 being the leaf hashes. About 2n rows for
 * n events, written incrementally by the checkpointer, never updated. It is derived data (rebuildable
 * from the events); what makes it trustworthy is that every proof served from it is checked by the
 * client against a signed root.
 *
 * `covenant_checkpoints` holds the signed tree heads. `seq` (1, 2, 3…) is the chain order: the
 * primary key makes two processes that both extend checkpoint k conflict instead of forking the
 * chain. `tree_size` is unique and grows with seq.
 */
export const INTEGRITY_DDL = `
CREATE TABLE IF NOT EXISTS covenant_merkle (
  level INTEGER NOT NULL,
  idx   BIGINT  NOT NULL,
  hash  TEXT    NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TABLE IF NOT EXISTS covenant_checkpoints (
  seq                      INTEGER PRIMARY KEY,
  tree_size                BIGINT  NOT NULL UNIQUE,
  root_hash                TEXT    NOT NULL,
  issued_at                TEXT    NOT NULL,
  previous_checkpoint_hash TEXT,
  signature                TEXT    NOT NULL
);
`;

/** Serialises the DDL across processes starting at once ('covenant' + 8, beside the adapter's own locks). */
const INTEGRITY_SCHEMA_LOCK = '7165075710185401980';

/**
 * PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe when two sessions run it at once, so there it
 * runs under a transaction-scoped advisory lock: one simple-query string is one implicit transaction,
 * which also leaves the pooled connection clean if it fails.
 */
export async function createIntegritySchema(sql: SqlExecutor, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await sql.exec(dialect === 'postgres' ? `SELECT pg_advisory_xact_lock(${INTEGRITY_SCHEMA_LOCK});\n${INTEGRITY_DDL}` : INTEGRITY_DDL);
}
