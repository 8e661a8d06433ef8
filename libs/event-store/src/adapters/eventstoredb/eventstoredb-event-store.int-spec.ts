import { runEventStoreConformance } from '../../conformance/event-store.conformance';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// jest.config.js sets testTimeout per project, which jest 30 ignores (only the global one counts).
jest.setTimeout(120_000);

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // The suite writes fresh uuidv7 streams and categories, so a shared server is fine. EventStoreDB
  // assigns commit positions (byte offsets, with gaps) after the write, so hashes exclude them.
  runEventStoreConformance('eventstoredb', async () => ({ store: new EventStoreDbEventStore({ connectionString }) }), {
    hashIncludesPosition: false,
    globalEventIds: false,
    gaplessPositions: false,
    raceRounds: 200,
    deliveryTimeoutMs: 20_000,
  });
} else {
  console.log('EventStoreDB conformance: skipped (EVENTSTORE_CONNECTION_STRING not set)');
  describe.skip('EventStore conformance: eventstoredb (skipped: EVENTSTORE_CONNECTION_STRING not set)', () => {
    it('needs an EventStoreDB server', () => undefined);
  });
}
