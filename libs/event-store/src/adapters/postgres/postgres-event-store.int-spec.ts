import { createTestDatabase } from '@covenant/testing/postgres';
import { runEventStoreConformance } from '../../conformance/event-store.conformance';
import { PostgresEventStore } from './postgres-event-store';

// jest.config.js sets testTimeout per project, which jest 30 ignores (only the global one counts).
jest.setTimeout(120_000);

// A fresh database for the suite (DATABASE_URL's server, embedded unless set): the suite isolates its
// tests by fresh stream ids and categories, and shares nothing with other test files.
runEventStoreConformance('postgres', async () => {
  const db = await createTestDatabase();
  return { store: new PostgresEventStore({ connectionString: db.url, pollIntervalMs: 200 }), cleanup: () => db.drop() };
});
