import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore } from '@covenant/event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import type { Projection } from '@covenant/projections/framework/projection';
import { Projector } from '@covenant/projections/framework/projector';
import { rebuild } from '@covenant/projections/framework/rebuild';
import { PgReadModelDb, ReadModelDb, SqliteReadModelDb } from '@covenant/projections/framework/read-model-db';
import type { ProjectionMode } from '@covenant/projections/framework/catalog';
import { ReadModelConnection, ReadModelSource } from '@covenant/projections/framework/read-model-source';
import { createTestDatabase, TestDatabase } from './postgres';
import { tempSqliteFile, TempSqliteFile } from './sqlite';

/** A domain event as the deciders emit it, with the time it happened. */
export interface StoryEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt?: string;
}

/**
 * Real stores for projection tests: a temp SQLite file or a fresh PostgreSQL database, the event
 * store on it, and the projections' tables in the same database, maintained inline (as in production)
 * or caught up from the log on demand (as after a start-up or an async run).
 */
export class ProjectionHarness {
  private readonly versions = new Map<string, number>();
  private readonly sources: ReadModelSource[] = [];

  private constructor(
    readonly store: EventStore,
    readonly db: ReadModelDb,
    readonly projector: Projector,
    readonly connection: ReadModelConnection,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async sqlite(projections: readonly Projection[], mode: ProjectionMode = 'inline'): Promise<ProjectionHarness> {
    const temp: TempSqliteFile = tempSqliteFile();
    const store = new SqliteEventStore({ file: temp.file });
    const db = new SqliteReadModelDb(store.db);
    const harness = new ProjectionHarness(store, db, new Projector({ store, db, projections, mode }), { dialect: 'sqlite', file: temp.file }, async () => {
      await store.close();
      temp.remove();
    });
    return harness.init();
  }

  static async postgres(projections: readonly Projection[], mode: ProjectionMode = 'inline'): Promise<ProjectionHarness> {
    const database: TestDatabase = await createTestDatabase();
    const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 50 });
    const pool = createPgPool({ connectionString: database.url, max: 4 });
    const db = new PgReadModelDb(pool);
    const harness = new ProjectionHarness(store, db, new Projector({ store, db, projections, mode }), { dialect: 'postgres', url: database.url }, async () => {
      await store.close();
      await pool.end();
      await database.drop();
    });
    return harness.init();
  }

  private async init(): Promise<this> {
    await this.projector.ensureSchema();
    this.projector.registerInline();
    return this;
  }

  /** Appends a stream's events (as the deciders emitted them) with the expected version tracked. */
  async append(streamId: string, events: readonly StoryEvent[], actorId = 'tester'): Promise<void> {
    const current = this.versions.get(streamId);
    const result = await this.store.appendToStream(
      streamId,
      events.map((e) => ({
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: { actorId, ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}) },
      })),
      { expectedVersion: current === undefined ? 'no-stream' : current },
    );
    this.versions.set(streamId, result.nextExpectedVersion);
  }

  /** Brings every projection to the head of the log (what an async runner or a start-up does). */
  async project(): Promise<void> {
    await this.projector.catchUp();
  }

  /** All rows of a table in a stable order, for exact comparisons. */
  async rows(table: string, orderBy: string): Promise<Array<Record<string, unknown>>> {
    return this.db.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`);
  }

  /** Every row of every table of the harness's projections, each table in primary-key order. */
  async snapshot(): Promise<Record<string, Array<Record<string, unknown>>>> {
    return snapshotReadModels(this.db, this.projector.projections);
  }

  /**
   * The two laws every read model keeps: every event applied a second time changes nothing, and a full
   * rebuild from the log gives the rows kept inline. Returns the inline snapshot for further checks.
   */
  async expectReappliedAndRebuiltUnchanged(): Promise<Record<string, Array<Record<string, unknown>>>> {
    const inline = await this.snapshot();
    await this.reapplyEverything();
    expect(await this.snapshot()).toEqual(inline);
    await rebuild(this.projector, this.projector.projections, { fresh: true });
    expect(await this.snapshot()).toEqual(inline);
    return inline;
  }

  /** Applies every event of the log once more, ignoring checkpoints: a correct projection changes nothing. */
  async reapplyEverything(): Promise<void> {
    const events = await this.projector.readBatch(0, Number.MAX_SAFE_INTEGER);
    await this.db.transact(() => this.projector.dispatcher.apply(events, new Set(this.projector.projections), new Map()));
  }

  /** The query side over the same tables (TypeORM); closed with the harness. */
  async source(): Promise<ReadModelSource> {
    const source = await ReadModelSource.open(this.connection, this.projector.projections);
    this.sources.push(source);
    return source;
  }

  async close(): Promise<void> {
    for (const source of this.sources) await source.close();
    await this.cleanup();
  }
}

/** Every row of the projections' live tables in primary-key order: equal snapshots, equal read models. */
export async function snapshotReadModels(db: ReadModelDb, projections: readonly Projection[]): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const p of projections) {
    for (const t of p.tables) out[t.name] = await db.query(`SELECT * FROM ${t.name} ORDER BY ${t.primaryKey.join(', ')}`);
  }
  return out;
}
