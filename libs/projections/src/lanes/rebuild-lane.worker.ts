/*
 * One lane of a rebuild in lanes (rebuild-lanes.ts), run in a worker thread: its projections are
 * replayed from the SQLite log into shadow tables, with their progress committed with every batch,
 * either in the store's own database or in a lane file (its own write lock, so the two lanes never
 * wait for each other), whose tables the coordinator copies into the store's database at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { applyPragmas } from '@covenant/event-store/adapters/sqlite/sqlite-schema';
import { Projector } from '../framework/projector';
import { SqliteReadModelDb } from '../framework/read-model-db';
import { positionsOf, prepareShadows, replayIntoShadows } from '../framework/rebuild';
import { ALL_PROJECTIONS } from '../registry';
import type { LaneMessage, LaneWorkerData } from './lane-protocol';

async function runLane(data: LaneWorkerData): Promise<void> {
  const port = parentPort as NonNullable<typeof parentPort>;
  const projections = ALL_PROJECTIONS.filter((p) => data.projections.includes(p.name));
  const store = new SqliteEventStore({ file: data.eventsFile });
  // The lane that writes the store's own database shares the store's connection, as the CLI does.
  const own = data.laneFile !== data.eventsFile;
  const laneDb = own ? new BetterSqlite3(data.laneFile) : store.db;
  try {
    if (own) applyPragmas(laneDb, 'NORMAL'); // the store's own: WAL, synchronous, busy timeout
    const projector = new Projector({ store, db: new SqliteReadModelDb(laneDb), projections, mode: 'async', batchSize: data.batchSize });
    await projector.ensureSchema();
    const generations = await prepareShadows(projector, projections, { forced: new Map(Object.entries(data.generations)) });
    const post = (message: LaneMessage): void => port.postMessage(message);
    const events = await replayIntoShadows(projector, projections, generations, (position) => post({ kind: 'progress', position }));
    post({ kind: 'done', events, positions: Object.fromEntries(await positionsOf(projector, projections)) });
  } finally {
    if (own) laneDb.close();
    await store.close();
  }
}

runLane(workerData as LaneWorkerData).catch((error: unknown) => {
  // Rethrown outside the promise so the worker exits with it and the coordinator's 'error' fires.
  setImmediate(() => {
    throw error;
  });
});
