import { useTempSqliteFile } from '@covenant/testing/sqlite';
import { WrongExpectedVersionError } from '../../errors';
import { SqliteEventStore } from './sqlite-event-store';

describe('sqlite group commit', () => {
  const temp = useTempSqliteFile();
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: temp.current() });
  });
  afterEach(() => store.close());

  it('appends queued in one event-loop turn: a conflicting one fails alone, the others commit gap-free', async () => {
    let transactions = 0;
    store.registerInTransaction(() => void transactions++);
    await store.appendToStream('s-0', [{ type: 'T', data: {} }]);
    const results = await Promise.allSettled([
      store.appendToStream('s-1', [{ type: 'T', data: { n: 1 } }], { expectedVersion: 'no-stream' }),
      store.appendToStream('s-0', [{ type: 'T', data: { n: 2 } }], { expectedVersion: 5 }),
      store.appendToStream('s-2', [{ type: 'T', data: { n: 3 } }], { expectedVersion: 'no-stream' }),
      store.appendToStream('s-1', [{ type: 'T', data: { n: 4 } }], { expectedVersion: 0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    const positions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.position] : []));
    expect(positions).toEqual([2, 3, 4]); // gap-free: the refused append left nothing behind
    expect(await store.headPosition()).toBe(4);
    expect(transactions).toBe(4); // in-transaction work ran once per committed append (the refused one rolled back)
  });

  it('flushes queued appends when the store closes', async () => {
    const pending = store.appendToStream('s-9', [{ type: 'T', data: {} }]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ position: 1 });
  });
});
