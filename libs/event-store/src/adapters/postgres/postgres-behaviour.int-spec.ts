import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@covenant/testing/postgres';
import type { EventEnvelope } from '../../envelope';
import { canonicalJson, hashParts } from '../../integrity/event-hash';
import { PostgresEventStore } from './postgres-event-store';

// jest.config.js sets testTimeout per project, which jest 30 ignores (only the global one counts).
jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function nextWithin(it: AsyncIterator<EventEnvelope>, ms: number): Promise<EventEnvelope> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    const r = await Promise.race([it.next(), timeout]);
    if (r.done) throw new Error('subscription ended');
    return r.value;
  } finally {
    clearTimeout(timer);
  }
}

describe('PostgresEventStore specifics', () => {
  let db: TestDatabase;
  let admin: Client;
  const stores: PostgresEventStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof PostgresEventStore>[0]> = {}) => {
    const s = new PostgresEventStore({ connectionString: db.url, ...options });
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await admin.end();
    await db.drop();
  });

  it('stores data and metadata as the canonical text it hashed, so the hash can be checked from the row alone', async () => {
    const store = open();
    const r = await store.appendToStream('contract-canon', [{ type: 'Signed', data: { zeta: 1, alpha: { y: [2, 1], x: 'é' } }, metadata: { b: 1, a: 2 } }]);
    const { rows } = await admin.query('SELECT * FROM covenant_events WHERE id = $1', [r.events[0].id]);
    const row = rows[0];
    expect(row.data).toBe('{"alpha":{"x":"é","y":[2,1]},"zeta":1}');
    expect(row.metadata).toBe(canonicalJson(r.events[0].metadata));
    const recomputed = hashParts({
      dataJson: row.data, id: row.id, metadataJson: row.metadata, position: Number(row.position), prevHash: row.prev_hash,
      schemaVersion: row.schema_version, streamId: row.stream_id, type: row.type, version: row.version,
    });
    expect(recomputed).toBe(row.hash);
  });

  it('commits in-transaction work with the events on the same client, and rolls both back when it throws', async () => {
    const store = open();
    await admin.query('CREATE TABLE side_effects (stream_id text, version int)');
    const record = (fail: boolean) => async (events: EventEnvelope[], tx: Parameters<Parameters<PostgresEventStore['registerInTransaction']>[0]>[1]) => {
      if (tx.kind !== 'postgres') throw new Error('expected a postgres transaction');
      for (const e of events) await tx.client.query('INSERT INTO side_effects VALUES ($1, $2)', [e.streamId, e.version]);
      if (fail) throw new Error('projection failed');
    };
    await store.appendToStream('contract-side', [{ type: 'A', data: {} }, { type: 'B', data: {} }], { inTransaction: record(false) });
    await expect(store.appendToStream('contract-side', [{ type: 'C', data: {} }], { inTransaction: record(true) })).rejects.toThrow('projection failed');
    const { rows } = await admin.query('SELECT version FROM side_effects ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([0, 1]);
    expect(await store.streamVersion('contract-side')).toBe(1);
  });

  it('keeps recordedAt non-decreasing along positions across writers whose clocks disagree', async () => {
    const ahead = open({ now: () => new Date(Date.now() + 3_600_000) });
    const behind = open();
    const a = await ahead.appendToStream('contract-clock-a', [{ type: 'A', data: {} }]);
    const b = await behind.appendToStream('contract-clock-b', [{ type: 'B', data: {} }]);
    expect(b.events[0].position).toBe(a.events[0].position + 1);
    expect(b.events[0].metadata.recordedAt >= a.events[0].metadata.recordedAt).toBe(true);
  });

  it('wakes a live subscriber by NOTIFY when another connection pool appends, long before the poll interval', async () => {
    const reader = open({ pollIntervalMs: 60_000 });
    const writer = open();
    const sub = reader.subscribeToAll({ after: await reader.headPosition(), categories: ['notify'] });
    const it = sub[Symbol.asyncIterator]();
    const pending = nextWithin(it, 5_000);
    await sleep(200); // let the subscriber go live and LISTEN
    const started = Date.now();
    const r = await writer.appendToStream('notify-1', [{ type: 'Pinged', data: {} }]);
    expect((await pending).id).toBe(r.events[0].id);
    expect(Date.now() - started).toBeLessThan(5_000);
    await sub.close();
  });

  it('still delivers every event when its LISTEN connection is killed (poll timer, then a new listener)', async () => {
    const reader = open({ pollIntervalMs: 100 });
    const writer = open();
    const sub = reader.subscribeToAll({ after: await reader.headPosition(), categories: ['poll'] });
    const it = sub[Symbol.asyncIterator]();
    const first = nextWithin(it, 5_000);
    await sleep(200);
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'covenant-listen' AND datname = current_database()");
    const r1 = await writer.appendToStream('poll-1', [{ type: 'A', data: {} }]);
    expect((await first).id).toBe(r1.events[0].id);
    const r2 = await writer.appendToStream('poll-1', [{ type: 'B', data: {} }]);
    expect((await nextWithin(it, 5_000)).id).toBe(r2.events[0].id);
    await sub.close();
  });

  it('ends the pending iteration of its subscriptions when the store closes', async () => {
    const store = new PostgresEventStore({ connectionString: db.url });
    const it = store.subscribeToAll({ categories: ['nothing'] })[Symbol.asyncIterator]();
    const pending = it.next();
    await sleep(100);
    await store.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });
});
