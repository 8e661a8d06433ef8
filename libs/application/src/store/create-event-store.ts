import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@covenant/event-store';
import type { CovenantConfig } from '../config/covenant-config';

export const SQLITE_EVENTS_FILE = 'covenant.db';

/**
 * The configured adapter. Adapters are required lazily so a deployment never loads a driver it does
 * not use (the sqlite default never touches the gRPC client, and vice versa).
 */
export async function createEventStore(config: CovenantConfig): Promise<EventStore> {
  switch (config.store) {
    case 'sqlite': {
      mkdirSync(config.dataDir, { recursive: true });
      const { SqliteEventStore } = await import('@covenant/event-store/adapters/sqlite/sqlite-event-store');
      return new SqliteEventStore({ file: join(config.dataDir, SQLITE_EVENTS_FILE), synchronous: config.sqliteSynchronous });
    }
    case 'postgres': {
      const { PostgresEventStore } = await import('@covenant/event-store/adapters/postgres/postgres-event-store');
      const store = new PostgresEventStore({ connectionString: requireValue(config.databaseUrl, 'DATABASE_URL') });
      return store;
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('@covenant/event-store/adapters/eventstoredb/eventstoredb-event-store');
      return new EventStoreDbEventStore({ connectionString: requireValue(config.eventStoreConnectionString, 'EVENTSTORE_CONNECTION_STRING') });
    }
    default: {
      const _exhaustive: never = config.store;
      throw new Error(`Unknown store ${String(_exhaustive)}`);
    }
  }
}

function requireValue(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for this store`);
  return value;
}
