import type { EventEnvelope, EventStore, InTransactionWork, StoreTransaction, UpcasterRegistry } from '@covenant/event-store';
import { advanceCohort, CATALOG_SELECT, catalogDdl, CatalogRow, formCohort, INLINE_COHORT, migrateCatalog, ProjectionMode, readCatalog, setPosition, tablesDdl } from './catalog';
import { Dispatcher } from './dispatch';
import { catalogWriteCount, OpGenerator, PgExecutor, SqliteExecutor } from './executors';
import type { Projection } from './projection';
import type { ReadModelDb } from './read-model-db';
import { sqlOps as sql } from './sql-ops';

export interface ProjectorOptions {
  store: EventStore;
  db: ReadModelDb;
  projections: readonly Projection[];
  mode: ProjectionMode;
  upcasters?: UpcasterRegistry;
  /** Wall clock for `updated_at` bookkeeping only (never for what a read model says). */
  now?: () => Date;
  /** Events per transaction when catching up or rebuilding. */
  batchSize?: number;
}

/** What the last inline append on a SQLite connection left: its targets, all at `position`. */
interface KnownTargets {
  position: number;
  dataVersion: number;
  catalogWrites: number;
  targets: ReadonlySet<Projection>;
}

export function newGeneration(now: Date): string {
  return now.getTime().toString(36);
}

/**
 * Keeps read models equal to the log. Inline projections run inside every append's transaction; a
 * projection applies an append only when its checkpoint is exactly the position before it, so a
 * projection that is behind (new, just rebuilt, or fed by a process without it) never gets a hole:
 * it skips appends until catch-up has brought it to the head, and from then on follows inline.
 */
export class Projector {
  readonly dispatcher: Dispatcher;
  readonly projections: readonly Projection[];
  readonly batchSize: number;
  private readonly now: () => Date;
  private inlineRegistered = false;

  constructor(readonly options: ProjectorOptions) {
    this.projections = options.projections;
    this.dispatcher = new Dispatcher(options.projections, options.upcasters);
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 2000;
  }

  get db(): ReadModelDb {
    return this.options.db;
  }

  get store(): EventStore {
    return this.options.store;
  }

  /** Whether the events `readBatch` returns carry payloads parsed from their canonical text (SQLite's). */
  get canonicalReads(): boolean {
    return this.options.store.kind === 'sqlite';
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  /** Creates the catalog and, for a projection never seen, its live tables at position 0. */
  async ensureSchema(): Promise<void> {
    await this.db.exec(catalogDdl(this.db.dialect));
    await this.db.transact(() => migrateCatalog(this.db.dialect), { schemaLock: true });
    const known = new Map((await this.catalog()).map((r) => [r.name, r]));
    for (const p of this.projections) {
      if (known.has(p.name)) continue;
      const generation = newGeneration(this.now());
      await this.db.transact(() => this.createLive(p, generation), { schemaLock: true });
    }
  }

  private *createLive(p: Projection, generation: string): OpGenerator {
    for (const ddl of tablesDdl(p, this.db.dialect, generation)) yield* sql.run(ddl);
    yield* sql.run(
      'INSERT INTO covenant_projections (name, version, position, mode, generation, updated_at) VALUES (?, ?, 0, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
      [p.name, p.version, this.options.mode, generation, this.timestamp()],
    );
  }

  async catalog(): Promise<CatalogRow[]> {
    return this.db.query<CatalogRow>(CATALOG_SELECT);
  }

  /** The in-transaction work that keeps inline projections current; registered once on the store. */
  registerInline(): void {
    if (this.inlineRegistered || this.options.mode !== 'inline') return;
    this.store.registerInTransaction(this.inlineWork());
    this.inlineRegistered = true;
  }

  inlineWork(): InTransactionWork {
    const connections = new WeakMap<object, { executor: SqliteExecutor; dataVersion: () => number; known?: KnownTargets }>();
    return (events: EventEnvelope[], tx: StoreTransaction) => {
      if (events.length === 0) return;
      if (tx.kind === 'postgres') return new PgExecutor(tx.client).drive(this.inlineBody(events)).then(() => undefined);
      let c = connections.get(tx.db);
      if (!c) {
        const dataVersion = tx.db.prepare('PRAGMA data_version').pluck();
        connections.set(tx.db, (c = { executor: new SqliteExecutor(tx.db), dataVersion: () => dataVersion.get() as number }));
      }
      // The catalog needs no reading when this connection's last inline append left every target
      // right before these events, and since then neither another connection committed (data_version)
      // nor this one wrote the catalog otherwise (catch-up, rebuild). Forgotten first: if this append
      // fails or rolls back, the next one reads the catalog again.
      const known = c.known;
      c.known = undefined;
      const dataVersion = c.dataVersion();
      const first = events[0].position;
      const reuse = known && known.position === first - 1 && known.dataVersion === dataVersion && known.catalogWrites === catalogWriteCount(tx.db) ? known.targets : undefined;
      const targets = c.executor.drive(this.inlineBody(events, reuse));
      if (targets.size > 0) c.known = { position: events[events.length - 1].position, dataVersion, catalogWrites: catalogWriteCount(tx.db), targets };
    };
  }

  /**
   * Applies the events to every projection whose checkpoint is right before them; returns those. They
   * form the inline cohort, so their checkpoints advance in one row (see catalog.ts).
   */
  private *inlineBody(events: EventEnvelope[], known?: ReadonlySet<Projection>): OpGenerator<ReadonlySet<Projection>> {
    const first = events[0].position;
    let targets = known;
    if (!targets) {
      const rows = yield* readCatalog();
      const byName = new Map(rows.map((r) => [r.name, r]));
      const found = new Set<Projection>();
      for (const p of this.projections) {
        const row = byName.get(p.name);
        if (row && row.version === p.version && Number(row.position) === first - 1) found.add(p);
      }
      targets = found;
      const names = new Set([...found].map((p) => p.name));
      const members = rows.filter((r) => r.cohort === INLINE_COHORT);
      const sameMembers = members.length === names.size && members.every((r) => names.has(r.name));
      if (names.size > 0 && !sameMembers) yield* formCohort(INLINE_COHORT, [...names], first - 1, this.timestamp());
    }
    if (targets.size === 0) return targets;
    yield* this.dispatcher.apply(events, targets, new Map());
    yield* advanceCohort(INLINE_COHORT, events[events.length - 1].position, this.timestamp());
    return targets;
  }

  /**
   * Brings live tables from their checkpoint to the head of the log, batch by batch. Each batch takes
   * the append lock, so an inline append sees either the checkpoint before the batch or after it, never
   * a half-way one; the loop ends when a read finds nothing new, after which appends apply inline.
   */
  async catchUp(projections: readonly Projection[] = this.projections): Promise<number> {
    let applied = 0;
    for (;;) {
      const rows = new Map((await this.catalog()).map((r) => [r.name, r]));
      const current = projections.filter((p) => rows.get(p.name)?.version === p.version);
      if (current.length === 0) return applied;
      const from = Math.min(...current.map((p) => Number(rows.get(p.name)?.position ?? 0)));
      const events = await this.readBatch(from);
      if (events.length === 0) return applied;
      await this.db.transact(() => this.catchUpBody(current, events), { lockAppends: true });
      applied += events.length;
    }
  }

  private *catchUpBody(projections: readonly Projection[], events: EventEnvelope[]): OpGenerator {
    const rows = new Map((yield* readCatalog()).map((r) => [r.name, r]));
    const after = new Map<string, number>();
    const targets = new Set<Projection>();
    for (const p of projections) {
      const row = rows.get(p.name);
      if (!row || row.version !== p.version) continue;
      targets.add(p);
      after.set(p.name, Number(row.position));
    }
    yield* this.dispatcher.apply(events, targets, after, this.canonicalReads);
    const last = events[events.length - 1].position;
    const advanced = [...targets].filter((p) => (after.get(p.name) ?? 0) < last).map((p) => p.name);
    yield* setPosition(advanced, last, this.timestamp());
  }

  async readBatch(after: number, limit = this.batchSize): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    for await (const env of this.store.readAll({ after, limit })) events.push(env);
    return events;
  }
}
