import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { APPEND_LOCK } from '@covenant/event-store/adapters/postgres/postgres-schema';
import { OpGenerator, PgExecutor, SqliteExecutor, TableNames } from './executors';
import type { Dialect } from './table';

export interface TransactOptions {
  /** Physical names of logical tables (the shadow tables during a rebuild). */
  names?: TableNames;
  /**
   * Also keep every append out while the transaction runs (SQLite's write lock; PostgreSQL's append
   * advisory lock, valid when the read models share the store's database). Used to swap a rebuilt
   * table in at exactly the head of the log.
   */
  lockAppends?: boolean;
  /** Serialise schema changes across processes (PostgreSQL: CREATE TABLE IF NOT EXISTS can race). */
  schemaLock?: boolean;
}

/** Advisory lock key for read-model DDL ('cov-proj' as an int64), distinct from the store's keys. */
const PROJECTION_SCHEMA_LOCK = '7165075710223434346';

/** The database read models live in, with one way to run a transaction whatever the engine. */
export interface ReadModelDb {
  readonly dialect: Dialect;
  transact<T>(body: () => OpGenerator<T>, options?: TransactOptions): Promise<T>;
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(statements: string[]): Promise<void>;
}

function namesKey(names: TableNames | undefined): string {
  return names ? [...names].map(([k, v]) => `${k}=${v}`).join(',') : '';
}

export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = 'sqlite' as const;
  private readonly executors = new Map<string, SqliteExecutor>();

  constructor(readonly db: Database) {}

  executor(names?: TableNames): SqliteExecutor {
    const key = namesKey(names);
    let executor = this.executors.get(key);
    if (!executor) this.executors.set(key, (executor = new SqliteExecutor(this.db, names)));
    return executor;
  }

  async transact<T>(body: () => OpGenerator<T>, options: TransactOptions = {}): Promise<T> {
    const executor = this.executor(options.names);
    // IMMEDIATE: the write lock is taken up front, so no append (of this or another process) interleaves.
    return this.db.transaction(() => executor.drive(body())).immediate();
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.executor().exec({ op: 'all', sql, params }) as T[];
  }

  async exec(statements: string[]): Promise<void> {
    for (const statement of statements) this.db.exec(statement);
  }
}

export class PgReadModelDb implements ReadModelDb {
  readonly dialect = 'postgres' as const;

  constructor(readonly pool: Pool) {}

  async transact<T>(body: () => OpGenerator<T>, options: TransactOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (options.schemaLock) await client.query(`SELECT pg_advisory_xact_lock(${PROJECTION_SCHEMA_LOCK})`);
      if (options.lockAppends) await client.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
      const result = await new PgExecutor(client, options.names).drive(body());
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await new PgExecutor(this.pool).exec({ op: 'all', sql, params })) as T[];
  }

  async exec(statements: string[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${PROJECTION_SCHEMA_LOCK})`);
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
