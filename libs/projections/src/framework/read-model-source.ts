import { DataSource, EntitySchema, EntitySchemaColumnOptions, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Projection } from './projection';
import type { ColumnKind, Dialect, ReadModelTable } from './table';

export type ReadModelConnection = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/**
 * The query side: a TypeORM DataSource over the read-model tables (its own connection, read-only use).
 * Queries never touch the event log; SQLite's WAL lets this connection read while the store writes.
 */
export class ReadModelSource {
  private readonly schemas = new Map<string, EntitySchema<Record<string, unknown>>>();

  private constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
    schemas: Array<EntitySchema<Record<string, unknown>>>,
  ) {
    for (const schema of schemas) this.schemas.set(schema.options.name, schema);
  }

  static async open(connection: ReadModelConnection, projections: readonly Projection[]): Promise<ReadModelSource> {
    const schemas = projections.flatMap((p) => p.tables.map((t) => entitySchemaFor(t, connection.dialect)));
    const dataSource = new DataSource(
      connection.dialect === 'sqlite'
        ? { type: 'better-sqlite3', database: connection.file, entities: schemas, timeout: 5000, synchronize: false }
        : { type: 'postgres', url: connection.url, entities: schemas, synchronize: false, extra: { max: 10, application_name: 'covenant-read' } },
    );
    await dataSource.initialize();
    return new ReadModelSource(dataSource, connection.dialect, schemas);
  }

  /** A query builder over one read-model table, aliased `t`. */
  table<R extends ObjectLiteral = Record<string, unknown>>(name: string): SelectQueryBuilder<R> {
    const schema = this.schemas.get(name);
    if (!schema) throw new Error(`No read-model table ${name}`);
    return this.dataSource.getRepository(schema).createQueryBuilder('t') as unknown as SelectQueryBuilder<R>;
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

function typeormType(kind: ColumnKind, dialect: Dialect): EntitySchemaColumnOptions['type'] {
  if (kind === 'bigint') return dialect === 'postgres' ? 'bigint' : 'integer';
  if (kind === 'real') return dialect === 'postgres' ? 'double precision' : 'real';
  if (kind === 'integer' || kind === 'boolean') return 'integer';
  return 'text';
}

/**
 * The TypeORM entity of a read-model table, for the query side (here, so that the write side and the
 * rebuild lanes never load TypeORM). Rows are plain objects keyed by
 * column name; bigint columns are converted to numbers (TypeORM hands PostgreSQL bigints back as strings).
 */
export function entitySchemaFor(table: ReadModelTable, dialect: Dialect): EntitySchema<Record<string, unknown>> {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const c of table.columns) {
    columns[c.name] = {
      type: typeormType(c.kind, dialect),
      name: c.name,
      nullable: c.nullable ?? false,
      primary: table.primaryKey.includes(c.name),
      ...(c.kind === 'bigint' ? { transformer: { to: (v: unknown) => v, from: (v: unknown) => (v === null ? null : Number(v)) } } : {}),
    };
  }
  return new EntitySchema<Record<string, unknown>>({ name: table.name, tableName: table.name, columns });
}
