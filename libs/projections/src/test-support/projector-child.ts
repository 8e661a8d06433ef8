/**
 * A projection process for the crash tests: `async` follows the log with async runners; `rebuild`
 * rebuilds every read model (resuming an interrupted rebuild). It prints `ready` once started and
 * `done` when it reaches the head; the test kills it with SIGKILL somewhere in between.
 *
 * `rebuild-lanes` (SQLite) rebuilds in two lanes, one in a worker thread with its own lane file.
 *
 *   projector-child.ts <async|rebuild|rebuild-lanes> <sqlite|postgres> <file-or-url>
 */
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore } from '@covenant/event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { ProjectionEngine } from '../framework/projection-engine';
import { Projector } from '../framework/projector';
import { PgReadModelDb, ReadModelDb, SqliteReadModelDb } from '../framework/read-model-db';
import { rebuild } from '../framework/rebuild';
import { rebuildInLanes } from '../lanes/rebuild-lanes';
import { ALL_PROJECTIONS } from '../registry';

async function main(): Promise<void> {
  const [mode, engine, target] = process.argv.slice(2);
  let store: EventStore;
  let db: ReadModelDb;
  if (engine === 'sqlite') {
    const sqlite = new SqliteEventStore({ file: target, pollIntervalMs: 10 });
    store = sqlite;
    db = new SqliteReadModelDb(sqlite.db);
  } else {
    store = new PostgresEventStore({ connectionString: target, pollIntervalMs: 20 });
    db = new PgReadModelDb(createPgPool({ connectionString: target, max: 4 }));
  }
  // Small batches: many commits, so a kill lands between two of them or inside one.
  const projector = new Projector({ store, db, projections: ALL_PROJECTIONS, mode: 'async', batchSize: 100 });
  await projector.ensureSchema();
  process.stdout.write('ready\n');
  if (mode === 'rebuild') {
    await rebuild(projector, ALL_PROJECTIONS, { onProgress: () => undefined });
  } else if (mode === 'rebuild-lanes') {
    await rebuildInLanes(projector, ALL_PROJECTIONS, { eventsFile: target, minEvents: 0, onProgress: () => undefined });
  } else {
    const running = new ProjectionEngine(projector);
    await running.start();
    const head = await store.headPosition();
    for (;;) {
      const rows = await projector.catalog();
      if (ALL_PROJECTIONS.every((p) => Number(rows.find((r) => r.name === p.name)?.position) >= head)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await running.stop();
  }
  process.stdout.write('done\n');
  await store.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
