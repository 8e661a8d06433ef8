import { DataSource, EntitySchema, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Projection } from './projection';
import { Dialect, entitySchemaFor } from './table';

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
