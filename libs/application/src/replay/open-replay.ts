import { Pool } from 'pg';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore } from '@covenant/event-store';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import type { CovenantConfig } from '../config/covenant-config';
import { pgSession, sqliteSession } from '../sql/sql-session';
import { createEventStore } from '../store/create-event-store';
import { SnapshotStore } from './snapshot-store';

export interface OpenedReplay {
  store: EventStore;
  /** Absent on EventStoreDB: replays read the whole stream there. */
  snapshots?: SnapshotStore;
  close(): Promise<void>;
}

/** The configured store and its snapshot table without the Nest application (the CLI's replay and diff). */
export async function openReplay(config: CovenantConfig): Promise<OpenedReplay> {
  const store = await createEventStore(config);
  let pool: Pool | undefined;
  let snapshots: SnapshotStore | undefined;
  if (store.kind === 'sqlite') snapshots = new SnapshotStore(sqliteSession((store as SqliteEventStore).db));
  if (store.kind === 'postgres') {
    pool = createPgPool({ connectionString: config.databaseUrl, max: 2, application_name: 'covenant-replay' });
    pool.on('error', () => undefined);
    snapshots = new SnapshotStore(pgSession(pool));
  }
  return {
    store,
    snapshots,
    async close() {
      await pool?.end();
      await store.close();
    },
  };
}
