import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore } from '@covenant/event-store';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import type { ProjectionMode } from '@covenant/projections/framework/catalog';
import { PgReadModelDb, ReadModelDb, SqliteReadModelDb } from '@covenant/projections/framework/read-model-db';
import type { ReadModelConnection } from '@covenant/projections/framework/read-model-source';
import type { CovenantConfig } from '../config/covenant-config';
import { SQLITE_EVENTS_FILE } from '../store/create-event-store';

export const SQLITE_READ_MODELS_FILE = 'read-models.db';

export interface ReadModelWiring {
  db: ReadModelDb;
  mode: ProjectionMode;
  connection: ReadModelConnection;
  close(): Promise<void>;
}

/**
 * Where read models live and how they are kept. In the store's own database (sqlite with sqlite,
 * postgres with postgres) they can be inline: written in the append's transaction. Anywhere else
 * (EventStoreDB, or a different database) they follow the log asynchronously.
 */
export function readModelWiring(store: EventStore, config: CovenantConfig): ReadModelWiring {
  const sameDatabase = (store.kind === 'sqlite' && config.readModels === 'sqlite') || (store.kind === 'postgres' && config.readModels === 'postgres');
  const mode: ProjectionMode = sameDatabase && store.supportsTransactions ? config.projectionMode : 'async';
  if (config.readModels === 'postgres') {
    const url = config.databaseUrl as string;
    const pool = createPgPool({ connectionString: url, max: 5, application_name: 'covenant-projections' });
    pool.on('error', () => undefined);
    return { db: new PgReadModelDb(pool), mode, connection: { dialect: 'postgres', url }, close: () => pool.end() };
  }
  if (store.kind === 'sqlite') {
    const file = join(config.dataDir, SQLITE_EVENTS_FILE);
    return { db: new SqliteReadModelDb((store as SqliteEventStore).db), mode, connection: { dialect: 'sqlite', file }, close: async () => undefined };
  }
  const file = join(config.dataDir, SQLITE_READ_MODELS_FILE);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return { db: new SqliteReadModelDb(db), mode, connection: { dialect: 'sqlite', file }, close: async () => void db.close() };
}
