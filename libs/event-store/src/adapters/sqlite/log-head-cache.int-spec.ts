import BetterSqlite3 from 'better-sqlite3';
import { useTempSqliteFile } from '@covenant/testing/sqlite';
import type { EventEnvelope } from '../../envelope';
import { WrongExpectedVersionError } from '../../errors';
import { EventChecker } from '../../integrity/event-checks';
import { SqliteEventStore } from './sqlite-event-store';

async function collect(it: AsyncIterable<EventEnvelope>): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for await (const e of it) out.push(e);
  return out;
}

/** The first integrity failure of the whole log (gaps, versions, hash links, hashes), or null. */
async function logFailure(store: SqliteEventStore): Promise<unknown> {
  const checker = new EventChecker(true, true);
  for (const e of await collect(store.readAll())) {
    const failure = checker.check(e);
    if (failure) return failure;
  }
  return null;
}

/*
 * The store answers stream versions, the head and a stream's last hash from what its connection
 * already knows. These are the ways that knowledge could go stale; each must be noticed.
 */
describe('sqlite log head cache', () => {
  const temp = useTempSqliteFile();
  const stores: SqliteEventStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ file: temp.current(), ...options });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of stores.splice(0).reverse()) await s.close();
  });

  it('sees appends committed by another connection: versions, head position and the hash chain', async () => {
    const a = open();
    const b = open();
    await a.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    expect(await a.streamVersion('contract-1')).toBe(0);
    expect(await a.streamVersion('contract-2')).toBe(-1);

    await b.appendToStream('contract-1', [{ type: 'Signed', data: {} }], { expectedVersion: 0 });
    await b.appendToStream('contract-2', [{ type: 'Drafted', data: {} }], { expectedVersion: 'no-stream' });

    expect(await a.streamVersion('contract-1')).toBe(1);
    expect(await a.streamVersion('contract-2')).toBe(0);
    await expect(a.appendToStream('contract-1', [{ type: 'Late', data: {} }], { expectedVersion: 0 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const next = await a.appendToStream('contract-1', [{ type: 'Activated', data: {} }], { expectedVersion: 1 });
    expect(next).toMatchObject({ position: 4, nextExpectedVersion: 2 });
    expect((await collect(a.readStream('contract-1'))).map((e) => e.position)).toEqual([1, 2, 4]);
    expect(await logFailure(a)).toBeNull();
  });

  it('takes the last hash from the stored row again once another connection has rewritten it', async () => {
    const a = open();
    await a.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    const edit = new BetterSqlite3(temp.current());
    edit.prepare("UPDATE events SET hash = 'tampered' WHERE position = 1").run();
    edit.close();
    const next = await a.appendToStream('contract-1', [{ type: 'Signed', data: {} }], { expectedVersion: 0 });
    expect(next.events[0].prevHash).toBe('tampered');
  });

  it('shares what it knows with every store on the same connection', async () => {
    const a = open();
    const b = open({ db: a.db, file: undefined });
    expect(await a.streamVersion('contract-1')).toBe(-1);
    await b.appendToStream('contract-1', [{ type: 'Drafted', data: {} }, { type: 'Signed', data: {} }]);
    expect(await a.streamVersion('contract-1')).toBe(1);
    expect((await a.appendToStream('contract-1', [{ type: 'Activated', data: {} }], { expectedVersion: 1 })).position).toBe(3);
  });

  it('forgets an append whose savepoint rolled back, in the same group and after it', async () => {
    const store = open();
    await store.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    store.registerInTransaction((events) => {
      if (events.some((e) => e.type === 'Refused')) throw new Error('in-transaction work failed');
    });
    const results = await Promise.allSettled([
      store.appendToStream('contract-1', [{ type: 'Refused', data: {} }], { expectedVersion: 0 }),
      store.appendToStream('contract-1', [{ type: 'Signed', data: {} }], { expectedVersion: 0 }),
      store.appendToStream('contract-2', [{ type: 'Drafted', data: {} }], { expectedVersion: 'no-stream' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.position] : []))).toEqual([2, 3]);
    expect(await store.streamVersion('contract-1')).toBe(1);
    expect((await collect(store.readStream('contract-1'))).map((e) => e.type)).toEqual(['Drafted', 'Signed']);
    expect(await logFailure(store)).toBeNull();
  });

  it('forgets everything a group read when its transaction fails to commit', async () => {
    const store = open();
    await store.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    // A second connection holding the write lock makes the group's BEGIN IMMEDIATE fail (busy).
    store.db.pragma('busy_timeout = 0');
    const lock = new BetterSqlite3(temp.current());
    lock.exec('BEGIN IMMEDIATE');
    await expect(store.appendToStream('contract-1', [{ type: 'Signed', data: {} }], { expectedVersion: 0 })).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    lock.prepare("INSERT INTO events (position, id, stream_id, version, category, type, schema_version, data, metadata, recorded_at, prev_hash, hash) SELECT 2, 'x', stream_id, 1, category, 'Signed', 1, '{}', metadata, recorded_at, hash, 'h2' FROM events WHERE position = 1").run();
    lock.exec('COMMIT');
    lock.close();
    expect(await store.streamVersion('contract-1')).toBe(1);
    const next = await store.appendToStream('contract-1', [{ type: 'Activated', data: {} }], { expectedVersion: 1 });
    expect(next.events[0]).toMatchObject({ position: 3, version: 2, prevHash: 'h2' });
  });
});
