import type { Database, Statement as SqliteStatement } from 'better-sqlite3';
import type { Pool } from 'pg';
import type { StoreTransaction } from '@covenant/event-store';

/**
 * The few SQL operations the application's own tables (lookup index, idempotency keys) need, on the
 * store's own database so they commit with the events. SQL is written once with `?` placeholders
 * and portable syntax (ON CONFLICT works on both engines).
 */
export interface SqlSession {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  exec(ddl: string): Promise<void>;
}

function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Prepared statements per connection and SQL text: preparing costs more than running most of them.
 * Bounded, in case some caller builds SQL text dynamically (beyond the bound it is prepared each time).
 */
const prepared = new WeakMap<Database, Map<string, SqliteStatement>>();

function prepare(db: Database, sql: string): SqliteStatement {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (statement) return statement;
  statement = db.prepare(sql);
  if (statements.size < 256) statements.set(sql, statement);
  return statement;
}

export function sqliteSession(db: Database): SqlSession {
  return {
    all: async <T>(sql: string, params: unknown[] = []) => prepare(db, sql).all(...params) as T[],
    run: async (sql, params = []) => void prepare(db, sql).run(...params),
    exec: async (ddl) => void db.exec(ddl),
  };
}

export function pgSession(pool: Pool): SqlSession {
  return {
    all: async <T>(sql: string, params: unknown[] = []) => (await pool.query(toPg(sql), params)).rows as T[],
    run: async (sql, params = []) => void (await pool.query(toPg(sql), params)),
    exec: async (ddl) => void (await pool.query(ddl)),
  };
}

export type Statement = [sql: string, params: unknown[]];

/**
 * Runs statements inside an append's transaction: synchronously on sqlite (better-sqlite3's
 * transactions are synchronous), awaited on PostgreSQL.
 */
export function runInTransaction(tx: StoreTransaction, statements: Statement[]): void | Promise<void> {
  if (statements.length === 0) return;
  if (tx.kind === 'sqlite') {
    for (const [sql, params] of statements) prepare(tx.db, sql).run(...params);
    return;
  }
  const client = tx.client;
  return (async () => {
    for (const [sql, params] of statements) await client.query(toPg(sql), params);
  })();
}
