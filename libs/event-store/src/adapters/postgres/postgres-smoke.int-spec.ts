import { createTestDatabase, type TestDatabase } from '@covenant/testing/postgres';
import { PostgresEventStore } from './postgres-event-store';
import { computeEventHash } from '../../integrity/event-hash';

describe('smoke', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => { db = await createTestDatabase(); store = new PostgresEventStore({ connectionString: db.url }); });
  afterAll(async () => { await store.close(); await db.drop(); });
  it('appends and reads', async () => {
    const r = await store.appendToStream('contract-1', [{ type: 'A', data: { b: 1, a: [1, 2] } }, { type: 'B', data: {} }], { expectedVersion: 'no-stream' });
    expect(r.position).toBe(2);
    const evs = [];
    for await (const e of store.readStream('contract-1')) evs.push(e);
    expect(evs).toEqual(r.events);
    for (const e of evs) expect(computeEventHash(e)).toBe(e.hash);
    await expect(store.appendToStream('contract-1', [{ type: 'A', data: {} }], { expectedVersion: 0 })).rejects.toMatchObject({ actual: 1 });
    const again = await store.appendToStream('contract-1', r.events.map((e) => ({ id: e.id, type: e.type, data: e.data })), { expectedVersion: 'no-stream' });
    expect(again).toEqual(r);
    expect(await store.headPosition()).toBe(2);
    const sub = store.subscribeToAll();
    const seen: number[] = [];
    const done = (async () => { for await (const e of sub) { seen.push(e.position); if (seen.length === 4) break; } })();
    await store.appendToStream('contract-2', [{ type: 'A', data: {} }, { type: 'B', data: {} }]);
    await done;
    expect(seen).toEqual([1, 2, 3, 4]);
    const sub2 = store.subscribeToAll({ after: 4 });
    const pending = sub2[Symbol.asyncIterator]().next();
    await new Promise((r) => setTimeout(r, 50));
    await sub2.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
