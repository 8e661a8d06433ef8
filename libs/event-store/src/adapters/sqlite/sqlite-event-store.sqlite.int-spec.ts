import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { useTempSqliteFile } from '@covenant/testing/sqlite';
import type { EventEnvelope } from '../../envelope';
import { canonicalEnvelope, sha256Hex } from '../../integrity/event-hash';
import { WrongExpectedVersionError } from '../../errors';
import { uuidv7 } from '../../uuid';
import { appendInChild } from './fixtures/run-child';
import { SqliteEventStore } from './sqlite-event-store';


async function collect(it: AsyncIterable<EventEnvelope>): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('SqliteEventStore (SQLite specifics)', () => {
  const temp = useTempSqliteFile();
  const stores: SqliteEventStore[] = [];
  const open = (options: Omit<ConstructorParameters<typeof SqliteEventStore>[0], 'file'> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ file: temp.current(), ...options });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('keeps every event, version and position across close and reopen', async () => {
    const first = open();
    const a = await first.appendToStream('contract-1', [{ type: 'Drafted', data: { n: 1 } }, { type: 'Signed', data: { n: 2 } }]);
    await first.appendToStream('partnership-1', [{ type: 'Formed', data: {} }]);
    await first.close();
    const again = open();
    expect(await collect(again.readStream('contract-1'))).toEqual(a.events);
    expect(await again.streamVersion('contract-1')).toBe(1);
    expect(await again.headPosition()).toBe(3);
    const next = await again.appendToStream('contract-1', [{ type: 'Amended', data: {} }], { expectedVersion: 1 });
    expect(next.events[0]).toMatchObject({ version: 2, position: 4, prevHash: a.events[1].hash });
  });

  it('seeds the record clock from the stored log, so a clock that stepped back never stamps behind it', async () => {
    const ahead = open({ clock: () => new Date('2030-01-01T00:00:00.000Z') });
    await ahead.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    await ahead.close();
    const behind = open({ clock: () => new Date('2020-01-01T00:00:00.000Z') });
    const r = await behind.appendToStream('contract-1', [{ type: 'Signed', data: {} }]);
    expect(r.events[0].metadata.recordedAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('stores exactly the hashed text: the columns rebuild each hash', async () => {
    const store = open();
    await store.appendToStream('contract-1', [{ type: 'Drafted', data: { z: 1, a: 'é😀', n: 1.5e-7 }, metadata: { actorId: 'u' } }]);
    await store.appendToStream('contract-1', [{ type: 'Signed', data: { b: [3, 2, 1] } }]);
    const rows = store.db.prepare('SELECT * FROM events ORDER BY position').all() as Array<Record<string, string | number | null>>;
    for (const r of rows) {
      const text = canonicalEnvelope({
        dataJson: r.data as string, id: r.id as string, metadataJson: r.metadata as string, position: r.position as number,
        prevHash: r.prev_hash as string | null, schemaVersion: r.schema_version as number, streamId: r.stream_id as string,
        type: r.type as string, version: r.version as number,
      });
      expect(sha256Hex(text)).toBe(r.hash);
    }
    expect(rows[0].data).toBe('{"a":"é😀","n":1.5e-7,"z":1}');
  });

  it('stores each event its own metadata when neighbours share or nearly share it', async () => {
    const store = open();
    const shared = { actorId: 'u', correlationId: 'c' };
    const r = await store.appendToStream('contract-1', [
      { type: 'A', data: {}, metadata: { ...shared } },
      { type: 'B', data: {}, metadata: { ...shared } },
      { type: 'C', data: {}, metadata: { actorId: 'u', causationId: 'c' } },
      { type: 'D', data: {}, metadata: { actorId: 'u', correlationId: undefined } },
      { type: 'E', data: {}, metadata: { actorId: 'u', causationId: 'c', occurredAt: '2026-01-01T00:00:00Z' } },
    ]);
    const stored = store.db.prepare('SELECT metadata FROM events ORDER BY position').pluck().all() as string[];
    const picked = stored.map((m) => {
      const { recordedAt: _r, occurredAt, ...rest } = JSON.parse(m) as Record<string, string>;
      return { ...rest, occurredAt: occurredAt === r.events[0].metadata.recordedAt ? 'recordedAt' : occurredAt };
    });
    expect(picked).toEqual([
      { actorId: 'u', correlationId: 'c', occurredAt: 'recordedAt' },
      { actorId: 'u', correlationId: 'c', occurredAt: 'recordedAt' },
      { actorId: 'u', causationId: 'c', occurredAt: 'recordedAt' },
      { actorId: 'u', occurredAt: 'recordedAt' },
      { actorId: 'u', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(r.events[0].metadata).not.toBe(r.events[1].metadata);
    await expect(
      store.appendToStream('contract-2', [
        { type: 'A', data: {}, metadata: { occurredAt: '2026-01-01T00:00:00Z' } },
        { type: 'B', data: {}, metadata: { occurredAt: 'yesterday' } },
      ]),
    ).rejects.toThrow(/events\[1\]\.metadata\.occurredAt/);
  });

  it('checkpoints the WAL from a worker thread, and a close still leaves everything in the database file', async () => {
    const store = open();
    const note = 'x'.repeat(1000);
    // ~3 MB: under the ~1000 pages at which SQLite itself would checkpoint inside a commit.
    for (let a = 0; a < 30; a++) {
      await store.appendToStream(`contract-${a}`, Array.from({ length: 100 }, (_, i) => ({ type: 'Noted', data: { i, note } })));
    }
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const dbBytes = (): number => statSync(temp.current()).size;
    const deadline = Date.now() + 10_000;
    while (dbBytes() < 2_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dbBytes()).toBeGreaterThan(2_000_000);
    await store.close();
    expect(existsSync(`${temp.current()}-wal`)).toBe(false);
    const again = open();
    expect(await again.headPosition()).toBe(3000);
    expect((await collect(again.readStream('contract-29'))).map((e) => (e.data as { i: number }).i)).toEqual([...Array(100).keys()]);
  });

  it('opens in WAL with synchronous NORMAL by default and FULL when asked', async () => {
    const normal = open();
    expect(normal.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
    await normal.close();
    const full = open({ synchronous: 'FULL' });
    expect(full.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('shares a connection it is given and leaves it open on close', async () => {
    const db = new BetterSqlite3(temp.current());
    const store = new SqliteEventStore({ db });
    await store.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    await store.close();
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    db.close();
  });

  it('rolls back when in-transaction work returns a promise (SQLite work must be synchronous)', async () => {
    const store = open();
    const attempt = store.appendToStream('contract-1', [{ type: 'Drafted', data: {} }], { inTransaction: async () => undefined });
    await expect(attempt).rejects.toThrow(/must be synchronous/);
    expect(await store.streamVersion('contract-1')).toBe(-1);
  });

  it("rolls back the work's own writes with the append", async () => {
    const store = open();
    store.db.exec('CREATE TABLE projection (stream_id TEXT, version INTEGER)');
    store.registerInTransaction((events, tx) => {
      if (tx.kind !== 'sqlite') throw new Error('expected a sqlite transaction');
      for (const e of events) tx.db.prepare('INSERT INTO projection VALUES (?, ?)').run(e.streamId, e.version);
    });
    store.registerInTransaction((events) => {
      if (events.some((e) => e.type === 'Refused')) throw new Error('refused');
    });
    await store.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    await expect(store.appendToStream('contract-1', [{ type: 'Signed', data: {} }, { type: 'Refused', data: {} }])).rejects.toThrow('refused');
    expect(store.db.prepare('SELECT stream_id, version FROM projection').all()).toEqual([{ stream_id: 'contract-1', version: 0 }]);
  });

  it('wakes a subscriber at once on an append in this process, through another store on the same file', async () => {
    const reader = open({ pollIntervalMs: 60_000 });
    const writer = open();
    const sub = reader.subscribeToAll({ categories: ['contract'] });
    const next = sub[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const r = await writer.appendToStream('contract-1', [{ type: 'Drafted', data: {} }]);
    expect((await next).value).toEqual(r.events[0]);
    expect(Date.now() - started).toBeLessThan(1000);
    await sub.close();
  });

  it('sees appends made by another OS process (by polling), in order, exactly once', async () => {
    const store = open({ pollIntervalMs: 50 });
    await store.appendToStream('partnership-1', [{ type: 'Formed', data: {} }]);
    const sub = store.subscribeToAll({ after: 1, categories: ['contract'] });
    const it = sub[Symbol.asyncIterator]();
    // The subscriber is already waiting (live) when the child starts: only polling can find its appends.
    const delivered = (async () => {
      const seen: EventEnvelope[] = [];
      while (seen.length < 20) seen.push((await it.next()).value as EventEnvelope);
      return seen;
    })();
    const { positions } = await appendInChild(temp.current(), `contract-${uuidv7()}`, 20, 5);
    const seen = await delivered;
    await sub.close();
    expect(seen.map((e) => e.position)).toEqual(positions);
    expect(seen.map((e) => (e.data as { i: number }).i)).toEqual([...Array(20).keys()]);
  });

  it('keeps positions unique and gap-free when two processes append to one file at once', async () => {
    const store = open();
    let childDone = false;
    const remote = appendInChild(temp.current(), 'contract-remote', 200, 1).finally(() => (childDone = true));
    const mine: number[] = [];
    while (!childDone || mine.length === 0) {
      mine.push((await store.appendToStream('contract-local', [{ type: 'Local', data: { i: mine.length } }])).position);
      if (mine.length % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const theirs = (await remote).positions;
    const total = mine.length + theirs.length;
    expect([...theirs, ...mine].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // The two writers really interleaved: some local append landed between the child's first and last.
    expect(mine.some((p) => p > theirs[0] && p < theirs[theirs.length - 1])).toBe(true);
    expect((await collect(store.readAll())).map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    for (const [s, count] of [['contract-local', mine.length], ['contract-remote', 200]] as const) {
      const events = await collect(store.readStream(s));
      expect(events.map((e) => e.version)).toEqual([...Array(count).keys()]);
      events.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? null : events[i - 1].hash));
    }
  });

  it('lets exactly one of two processes win each expected-version race on one stream', async () => {
    const store = open();
    const stream = 'contract-raced';
    let childDone = false;
    const remote = appendInChild(temp.current(), stream, 300, 0, 'race').finally(() => (childDone = true));
    let wins = 0;
    let losses = 0;
    while (!childDone) {
      const expectedVersion = await store.streamVersion(stream);
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await store.appendToStream(stream, [{ type: 'Local', data: {} }], { expectedVersion });
        wins++;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        expect(error.actual).toBeGreaterThan(expectedVersion);
        losses++;
      }
    }
    const child = await remote;
    const events = await collect(store.readStream(stream));
    expect(events.map((e) => e.version)).toEqual([...Array(wins + child.positions.length).keys()]);
    expect(events.filter((e) => e.type === 'ChildAppended').map((e) => e.position)).toEqual(child.positions);
    expect(wins).toBeGreaterThan(0);
    expect(child.positions.length + child.conflicts).toBe(300);
    console.log(`two-process expected-version race: this process won ${wins}, lost ${losses}; child won ${child.positions.length}, lost ${child.conflicts}`);
  });
});
