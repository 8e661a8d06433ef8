import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore } from '@covenant/event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { appendHistory } from '@covenant/testing/history-generator';
import { snapshotReadModels } from '@covenant/testing/projection-harness';
import { createTestDatabase } from '@covenant/testing/postgres';
import { spawnTs } from '@covenant/testing/spawn-ts';
import { tempSqliteFile } from '@covenant/testing/sqlite';
import { Projector } from './framework/projector';
import { PgReadModelDb, ReadModelDb, SqliteReadModelDb } from './framework/read-model-db';
import { rebuild } from './framework/rebuild';
import { laneFileOf } from './lanes/rebuild-lanes';
import { ALL_PROJECTIONS } from './registry';

jest.setTimeout(180_000);

const CHILD = join(__dirname, 'test-support/projector-child.ts');

interface Target {
  store: EventStore;
  db: ReadModelDb;
  arg: string;
  close(): Promise<void>;
}

async function target(engine: 'sqlite' | 'postgres'): Promise<Target> {
  if (engine === 'sqlite') {
    const temp = tempSqliteFile();
    const store = new SqliteEventStore({ file: temp.file });
    return { store, db: new SqliteReadModelDb(store.db), arg: temp.file, close: async () => void (await store.close(), temp.remove()) };
  }
  const database = await createTestDatabase();
  const store = new PostgresEventStore({ connectionString: database.url });
  const pool = createPgPool({ connectionString: database.url, max: 4 });
  return {
    store,
    db: new PgReadModelDb(pool),
    arg: database.url,
    close: async () => {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}

/** Waits until `progress()` is strictly between 0 and `head`, then kills the child with SIGKILL. */
async function killMidway(child: ReturnType<typeof spawnTs>, progress: () => Promise<number>, head: number): Promise<number> {
  await child.printed('ready');
  for (;;) {
    const at = await progress();
    if (at > 0 && at < head) {
      child.process.kill('SIGKILL');
      await child.done.catch(() => undefined);
      return at;
    }
    if (at >= head) throw new Error(`the child reached the head (${head}) before it could be killed; generate more events`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(['sqlite', 'postgres'] as const)('a projection process killed with SIGKILL on %s', (engine) => {
  let t: Target;
  let head: number;
  let projector: Projector;
  beforeEach(async () => {
    t = await target(engine);
    head = (await appendHistory(t.store, { seed: 7, partnerships: 4, months: 10 })).events;
    projector = new Projector({ store: t.store, db: t.db, projections: ALL_PROJECTIONS, mode: 'async' });
    await projector.ensureSchema();
  });
  afterEach(() => t.close());

  const freshRebuild = async () => {
    await rebuild(projector, ALL_PROJECTIONS, { fresh: true });
    return snapshotReadModels(t.db, ALL_PROJECTIONS);
  };

  it('during an async run resumes from its checkpoints and ends identical to a fresh rebuild', async () => {
    const minPosition = async () => Math.min(...(await projector.catalog()).map((r) => Number(r.position)));
    const killedAt = await killMidway(spawnTs(CHILD, ['async', engine, t.arg]), minPosition, head);
    expect(killedAt).toBeLessThan(head);
    await spawnTs(CHILD, ['async', engine, t.arg]).done;
    expect(await minPosition()).toBe(head);
    const afterCrash = await snapshotReadModels(t.db, ALL_PROJECTIONS);
    expect(afterCrash).toEqual(await freshRebuild());
  });

  it('during a rebuild resumes the rebuild and ends identical to a fresh rebuild', async () => {
    const rebuildPosition = async () => Math.min(...(await projector.catalog()).map((r) => Number(r.rebuild_position ?? 0)));
    const killedAt = await killMidway(spawnTs(CHILD, ['rebuild', engine, t.arg]), rebuildPosition, head);
    expect(killedAt).toBeLessThan(head);
    const resumed = (await projector.catalog()).map((r) => Number(r.rebuild_position));
    expect(Math.min(...resumed)).toBeGreaterThan(0); // the interrupted rebuild's progress survived the kill
    await spawnTs(CHILD, ['rebuild', engine, t.arg]).done;
    const rows = await projector.catalog();
    expect(rows.every((r) => r.rebuild_generation === null && Number(r.position) === head)).toBe(true);
    const afterCrash = await snapshotReadModels(t.db, ALL_PROJECTIONS);
    expect(afterCrash).toEqual(await freshRebuild());
  });

  if (engine === 'sqlite') {
    it('during a rebuild in two lanes resumes both lanes and ends identical to a fresh rebuild', async () => {
      const laneFile = laneFileOf(t.arg);
      /** The progress both lanes have committed: this file's catalog for one, the lane file's for the other. */
      const lanesPosition = async (): Promise<number> => {
        const inMain = (await projector.catalog()).map((r) => Number(r.rebuild_position ?? 0)).filter((p) => p > 0);
        if (inMain.length === 0 || !existsSync(laneFile)) return 0;
        try {
          const lane = new BetterSqlite3(laneFile, { readonly: true, fileMustExist: true });
          try {
            const row = lane.prepare('SELECT MIN(rebuild_position) AS at FROM covenant_projections').get() as { at: number | null };
            return Math.min(...inMain, Number(row.at ?? 0));
          } finally {
            lane.close();
          }
        } catch {
          return 0; // the worker is still creating its file
        }
      };
      const killedAt = await killMidway(spawnTs(CHILD, ['rebuild-lanes', engine, t.arg]), lanesPosition, head);
      expect(killedAt).toBeLessThan(head);
      expect(existsSync(laneFile)).toBe(true); // the worker lane's progress survived the kill in its own file
      await spawnTs(CHILD, ['rebuild-lanes', engine, t.arg]).done;
      expect(existsSync(laneFile)).toBe(false);
      const rows = await projector.catalog();
      expect(rows.every((r) => r.rebuild_generation === null && Number(r.position) === head)).toBe(true);
      const afterCrash = await snapshotReadModels(t.db, ALL_PROJECTIONS);
      expect(afterCrash).toEqual(await freshRebuild());
    });
  }
});
