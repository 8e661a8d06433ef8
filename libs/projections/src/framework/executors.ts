import type { Database, Statement } from 'better-sqlite3';
import { types as pgTypes } from 'pg';
import type { Dialect } from './table';
import type { SqlOp } from './projection';

/** Maps logical table names (`{rm_contract_state}` in SQL) to physical ones (the shadow during a rebuild). */
export type TableNames = ReadonlyMap<string, string>;

const TABLE_REF = /\{([a-z_][a-z0-9_]*)\}/g;

export function translate(sql: string, names: TableNames, dialect: Dialect): string {
  let text = sql.replace(TABLE_REF, (_, name: string) => names.get(name) ?? name);
  if (dialect === 'postgres') {
    let n = 0;
    text = text.replace(/\?/g, () => `$${++n}`);
  }
  return text;
}

/** Both drivers bind the same values: booleans as 0/1 and undefined as NULL. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export type OpGenerator<T = void> = Generator<SqlOp, T, unknown>;

const tablesBySql = new Map<string, string[]>();

/** The logical tables a statement names (`{rm_x}`), parsed once per SQL text. */
function tablesOf(sql: string): string[] {
  let tables = tablesBySql.get(sql);
  if (!tables) {
    tables = [...new Set([...sql.matchAll(TABLE_REF)].map((m) => m[1]))];
    if (tablesBySql.size < 10_000) tablesBySql.set(sql, tables);
  }
  return tables;
}

/**
 * Single-row reads remembered for the rest of one transaction, forgotten as soon as the transaction
 * writes any table they read. Within a transaction nobody else writes these tables (appends and
 * batches are serialised), so a rebuild batch of thousands of events looks a contract's row up once,
 * not once per event.
 */
export class ReadMemo {
  private readonly reads = new Map<string, { tables: string[]; rows: Map<string, unknown> }>();

  lookup(op: SqlOp): { key: string; rows: Map<string, unknown> } {
    let entry = this.reads.get(op.sql);
    if (!entry) this.reads.set(op.sql, (entry = { tables: tablesOf(op.sql), rows: new Map() }));
    return { key: JSON.stringify(op.params), rows: entry.rows };
  }

  wrote(sql: string): void {
    const written = tablesOf(sql);
    if (written.length === 0) return;
    for (const entry of this.reads.values()) if (entry.rows.size > 0 && entry.tables.some((t) => written.includes(t))) entry.rows.clear();
  }
}

/** Runs one operation through the memo: gets are answered from it when possible, writes invalidate it. */
function withMemo<R>(memo: ReadMemo, op: SqlOp, run: () => R): R {
  if (op.op === 'get') {
    const { key, rows } = memo.lookup(op);
    if (rows.has(key)) return rows.get(key) as R;
    const row = run();
    rows.set(key, row);
    return row;
  }
  memo.wrote(op.sql);
  return run();
}

const catalogWrites = new WeakMap<Database, number>();

/**
 * How many statements writing the projection catalog this process has run on the connection. With
 * SQLite's `data_version` (which moves when another connection commits), an unchanged count tells the
 * inline projector that the catalog rows are as it left them.
 */
export function catalogWriteCount(db: Database): number {
  return catalogWrites.get(db) ?? 0;
}

/** Runs projection generators synchronously on a better-sqlite3 connection (inside its transaction). */
export class SqliteExecutor {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: Database,
    private readonly names: TableNames = new Map(),
  ) {}

  /** Runs one transaction's generator to its end. */
  drive<T>(gen: OpGenerator<T>): T {
    const memo = new ReadMemo();
    let step = gen.next();
    while (!step.done) {
      const op = step.value;
      step = gen.next(withMemo(memo, op, () => this.exec(op)));
    }
    return step.value;
  }

  exec(op: SqlOp): unknown {
    const statement = this.prepare(op.sql);
    const params = bindable(op.params);
    if (op.op === 'run') {
      if (op.sql.includes('covenant_projections')) catalogWrites.set(this.db, catalogWriteCount(this.db) + 1);
      statement.run(...params);
      return undefined;
    }
    return op.op === 'get' ? statement.get(...params) : statement.all(...params);
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(translate(sql, this.names, 'sqlite'));
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export interface PgQueryable {
  query(config: { text: string; values: unknown[]; types?: unknown }): Promise<{ rows: unknown[] }>;
}

/** PostgreSQL bigints (positions, counts) come back as numbers, as they do from SQLite. */
const PG_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pgTypes.getTypeParser(oid, format ?? 'text'),
};

/** Runs projection generators on a PostgreSQL client inside its transaction. */
export class PgExecutor {
  private readonly texts = new Map<string, string>();

  constructor(
    readonly client: PgQueryable,
    private readonly names: TableNames = new Map(),
  ) {}

  async drive<T>(gen: OpGenerator<T>): Promise<T> {
    const memo = new ReadMemo();
    let step = gen.next();
    while (!step.done) {
      const op = step.value;
      step = gen.next(await withMemo(memo, op, () => this.exec(op)));
    }
    return step.value;
  }

  async exec(op: SqlOp): Promise<unknown> {
    let text = this.texts.get(op.sql);
    if (text === undefined) this.texts.set(op.sql, (text = translate(op.sql, this.names, 'postgres')));
    const { rows } = await this.client.query({ text, values: bindable(op.params), types: PG_TYPES });
    if (op.op === 'run') return undefined;
    return op.op === 'get' ? rows[0] : rows;
  }
}
