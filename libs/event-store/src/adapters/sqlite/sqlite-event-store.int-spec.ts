import { tempSqliteFile } from '@covenant/testing/sqlite';
import { runEventStoreConformance } from '../../conformance/event-store.conformance';
import { SqliteEventStore } from './sqlite-event-store';

// One temp file for the whole suite: the suite isolates its tests by fresh stream ids and categories.
runEventStoreConformance('sqlite', async () => {
  const temp = tempSqliteFile();
  return { store: new SqliteEventStore({ file: temp.file }), cleanup: async () => temp.remove() };
});
