import { PostgresEventStore } from '../libs/event-store/src/adapters/postgres/postgres-event-store';
import { uuidv7 } from '../libs/event-store/src/uuid';
import { createTestDatabase } from '../libs/testing/src/postgres';
import { startEmbeddedServer, type EmbeddedServer } from '../test/postgres/embedded-server';
import { slaMeasurementBatch } from './lib/sample-events';

const APPENDS_OF_1 = 2_000;
const APPENDS_OF_100 = 500;

async function appendRate(store: PostgresEventStore, appends: number, perAppend: number): Promise<number> {
  // Built before the clock starts, like the SQLite figures: the store's work is measured, not the fixture's.
  const batches = Array.from({ length: appends }, (_, i) => slaMeasurementBatch(perAppend, i * perAppend));
  const streams = batches.map(() => `contract-${uuidv7()}`);
  const started = process.hrtime.bigint();
  for (let i = 0; i < appends; i++) await store.appendToStream(streams[i], batches[i], { expectedVersion: 'no-stream' });
  return rateOf(appends * perAppend, started);
}

function rateOf(events: number, started: bigint): number {
  return Math.round(events / (Number(process.hrtime.bigint() - started) / 1e9));
}

/**
 * PostgreSQL store throughput in events/s: one caller appending to fresh streams (the store serialises
 * appends anyway, see postgres-event-store.ts), then the whole log read back through readAll. Uses
 * DATABASE_URL when set (in a fresh database it drops after); otherwise starts an embedded PostgreSQL
 * with default durability (fsync on) and stops it after.
 */
export async function benchPostgres(): Promise<{ append1: number; append100: number; read: number }> {
  let server: EmbeddedServer | undefined;
  if (!process.env.DATABASE_URL) server = await startEmbeddedServer();
  try {
    const db = await createTestDatabase(process.env.DATABASE_URL ?? server?.url);
    const store = new PostgresEventStore({ connectionString: db.url, pageSize: 1000 });
    try {
      await appendRate(store, 100, 100); // warm-up: JIT, prepared statements, buffer cache
      const append1 = await appendRate(store, APPENDS_OF_1, 1);
      const append100 = await appendRate(store, APPENDS_OF_100, 100);
      let count = 0;
      const started = process.hrtime.bigint();
      for await (const _ of store.readAll()) count++;
      const read = rateOf(count, started);
      return { append1, append100, read };
    } finally {
      await store.close();
      await db.drop();
    }
  } finally {
    await server?.stop();
  }
}

if (require.main === module) {
  benchPostgres()
    .then((figures) => {
      console.table(figures);
      console.log(JSON.stringify(figures));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
