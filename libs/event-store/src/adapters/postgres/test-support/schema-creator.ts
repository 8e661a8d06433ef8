/**
 * Opens a PostgresEventStore on a fresh database at the same moment as another process
 * (postgres-concurrency.int-spec.ts): prints `ready`, waits for `go` on stdin, then makes the store
 * create its schema and append once. Usage: schema-creator.ts <connectionString> <streamId>
 */
import { PostgresEventStore } from '../postgres-event-store';

async function main(): Promise<void> {
  const [connectionString, streamId] = process.argv.slice(2);
  const store = new PostgresEventStore({ connectionString, maxConnections: 1 });
  await new Promise<void>((resolve) => {
    process.stdin.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('go')) resolve();
    });
    process.stdout.write('ready\n');
  });
  try {
    await store.appendToStream(streamId, [{ type: 'Opened', data: {} }], { expectedVersion: 'no-stream' });
  } finally {
    await store.close();
  }
  process.stdout.write('done\n');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
