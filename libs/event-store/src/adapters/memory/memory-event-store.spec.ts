import { runEventStoreConformance } from '../../conformance/event-store.conformance';
import { MemoryEventStore } from './memory-event-store';

// The memory store must behave exactly like the real ones, so it runs the whole suite, 1,000 race rounds included.
runEventStoreConformance('memory', async () => ({ store: new MemoryEventStore() }), { raceRounds: 1000 });
