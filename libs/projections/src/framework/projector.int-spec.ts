import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore } from '@covenant/event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { createTestDatabase } from '@covenant/testing/postgres';
import { tempSqliteFile } from '@covenant/testing/sqlite';
import type { ProjectionMode } from './catalog';
import { ProjectionEngine } from './projection-engine';
import type { Projection } from './projection';
import { Projector } from './projector';
import { PgReadModelDb, ReadModelDb, SqliteReadModelDb } from './read-model-db';
import { rebuild } from './rebuild';
import { streamCounter } from './test-support/stream-counter.projection';

interface World {
  store: EventStore;
  db: ReadModelDb;
  projector(projections: Projection[], mode?: ProjectionMode, batchSize?: number): Projector;
  close(): Promise<void>;
}

async function world(engine: 'sqlite' | 'postgres'): Promise<World> {
  if (engine === 'sqlite') {
    const temp = tempSqliteFile();
    const store = new SqliteEventStore({ file: temp.file, pollIntervalMs: 10 });
    const db = new SqliteReadModelDb(store.db);
    return {
      store,
      db,
      projector: (projections, mode = 'inline', batchSize) => new Projector({ store, db, projections, mode, batchSize }),
      close: async () => {
        await store.close();
        temp.remove();
      },
    };
  }
  const database = await createTestDatabase();
  const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 20 });
  const pool = createPgPool({ connectionString: database.url, max: 6 });
  const db = new PgReadModelDb(pool);
  return {
    store,
    db,
    projector: (projections, mode = 'inline', batchSize) => new Projector({ store, db, projections, mode, batchSize }),
    close: async () => {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}

const tick = (n: number) => Array.from({ length: n }, (_, i) => ({ type: i % 2 ? 'Tock' : 'Tick', data: { i } }));

async function appendTicks(store: EventStore, streams: number, perStream: number): Promise<void> {
  for (let s = 0; s < streams; s++) await store.appendToStream(`clock-${s}`, tick(perStream), { expectedVersion: 'any' });
}

async function counts(db: ReadModelDb, table = 'rm_test_stream_counter'): Promise<Record<string, number>> {
  const rows = await db.query<{ stream_id: string; events: number }>(`SELECT stream_id, events FROM ${table} ORDER BY stream_id`);
  return Object.fromEntries(rows.map((r) => [r.stream_id, Number(r.events)]));
}

async function position(projector: Projector, name = 'stream-counter'): Promise<number> {
  return Number((await projector.catalog()).find((r) => r.name === name)?.position);
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(['sqlite', 'postgres'] as const)('projection runner on %s', (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await world(engine);
  });
  afterEach(() => w.close());

  it('applies inline projections in the append transaction, checkpoint at the head', async () => {
    const projector = w.projector([streamCounter()]);
    await projector.ensureSchema();
    projector.registerInline();
    await appendTicks(w.store, 3, 4);
    expect(await counts(w.db)).toEqual({ 'clock-0': 4, 'clock-1': 4, 'clock-2': 4 });
    expect(await position(projector)).toBe(12);
  });

  it('a projection behind the log skips appends until caught up, then follows inline with no hole', async () => {
    await appendTicks(w.store, 2, 5);
    const projector = w.projector([streamCounter()], 'inline', 3);
    await projector.ensureSchema();
    projector.registerInline();
    await appendTicks(w.store, 1, 2); // not contiguous with checkpoint 0: skipped inline, left to catch-up
    expect(await counts(w.db)).toEqual({});
    expect(await projector.catchUp()).toBe(12);
    await w.store.appendToStream('clock-9', tick(3), { expectedVersion: 'any' });
    expect(await counts(w.db)).toEqual({ 'clock-0': 7, 'clock-1': 5, 'clock-9': 3 });
    expect(await position(projector)).toBe(15);
  });

  it('rebuilds a projection whose version changed into shadow tables, serving the old rows until the swap', async () => {
    const v1 = w.projector([streamCounter(1)]);
    await v1.ensureSchema();
    v1.registerInline();
    await appendTicks(w.store, 3, 10);
    const v2 = w.projector([streamCounter(2)], 'inline', 4);
    const seenDuringRebuild: Array<Record<string, number>> = [];
    const engine2 = new ProjectionEngine(v2, { onRebuildProgress: () => undefined });
    await v2.ensureSchema();
    await rebuild(v2, v2.projections, { onProgress: () => void counts(w.db).then((c) => seenDuringRebuild.push(c)) });
    await engine2.stop();
    await until(async () => seenDuringRebuild.length > 0);
    expect(seenDuringRebuild[0]).toEqual({ 'clock-0': 10, 'clock-1': 10, 'clock-2': 10 });
    expect(await counts(w.db)).toEqual({ 'clock-0': 20, 'clock-1': 20, 'clock-2': 20 });
    const row = (await v2.catalog())[0];
    expect({ version: row.version, position: Number(row.position), rebuild: row.rebuild_generation }).toEqual({ version: 2, position: 30, rebuild: null });
  });

  it('an engine started with a new projection version rebuilds it by itself, then follows inline', async () => {
    const v1 = new ProjectionEngine(w.projector([streamCounter(1)]));
    await v1.start();
    await appendTicks(w.store, 2, 6);
    await v1.stop();
    const v2 = new ProjectionEngine(w.projector([streamCounter(2)], 'inline', 5));
    await v2.start();
    await v2.idle();
    expect(await counts(w.db)).toEqual({ 'clock-0': 12, 'clock-1': 12 });
    expect((await v2.projector.catalog())[0].version).toBe(2);
    expect((await v2.status())[0]).toMatchObject({ version: 2, state: 'live', lag: 0 });
    await v2.stop();
  });

  it('resumes an interrupted rebuild from its committed progress and ends equal to a fresh one', async () => {
    await appendTicks(w.store, 4, 25);
    const projector = w.projector([streamCounter()], 'inline', 10);
    await projector.ensureSchema();
    let batches = 0;
    await expect(
      rebuild(projector, projector.projections, {
        onProgress: () => {
          if (++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const interrupted = (await projector.catalog())[0];
    expect(Number(interrupted.rebuild_position)).toBe(40);
    let resumedFrom = -1;
    await rebuild(projector, projector.projections, { onProgress: (p) => void (resumedFrom = resumedFrom < 0 ? p.events : resumedFrom) });
    expect(resumedFrom).toBe(20); // the first resumed batch: events 41..60, not the log from the start
    expect(await counts(w.db)).toEqual({ 'clock-0': 25, 'clock-1': 25, 'clock-2': 25, 'clock-3': 25 });
    expect(await position(projector)).toBe(100);
  });

  it('async runners apply each event exactly once, even two runners of one projection at once', async () => {
    const a = new ProjectionEngine(w.projector([streamCounter()], 'async'));
    const b = new ProjectionEngine(w.projector([streamCounter()], 'async'));
    await a.start();
    await b.start();
    await appendTicks(w.store, 5, 20);
    await until(async () => (await position(a.projector)) === 100);
    await a.stop();
    await b.stop();
    expect(await counts(w.db)).toEqual({ 'clock-0': 20, 'clock-1': 20, 'clock-2': 20, 'clock-3': 20, 'clock-4': 20 });
  });

  it('several processes creating the read-model schema at once all succeed, with one catalog row each', async () => {
    const projections = [streamCounter(1, 'one'), streamCounter(1, 'two'), streamCounter(1, 'three')];
    const dbs = engine === 'postgres' ? Array.from({ length: 4 }, () => new PgReadModelDb(createPgPool({ connectionString: (w.db as PgReadModelDb).pool.options.connectionString, max: 2 }))) : [w.db];
    try {
      await Promise.all(dbs.map((db) => new Projector({ store: w.store, db, projections, mode: 'inline' }).ensureSchema()));
      const rows = await w.db.query<{ name: string }>('SELECT name FROM covenant_projections ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(['one', 'three', 'two']);
    } finally {
      if (engine === 'postgres') await Promise.all(dbs.map((db) => (db as PgReadModelDb).pool.end()));
    }
  });

  it('reports lag while behind and live at the head', async () => {
    await appendTicks(w.store, 1, 5);
    const projector = w.projector([streamCounter()]);
    await projector.ensureSchema();
    const engine = new ProjectionEngine(projector, { stallAfterMs: 0 });
    const behind = await engine.status();
    expect(behind[0]).toMatchObject({ name: 'stream-counter', position: 0, head: 5, lag: 5 });
    expect((await engine.status(Date.now() + 1))[0].state).toBe('stalled');
    await projector.catchUp();
    expect((await engine.status())[0]).toMatchObject({ position: 5, lag: 0, state: 'live' });
    await engine.stop();
  });
});
