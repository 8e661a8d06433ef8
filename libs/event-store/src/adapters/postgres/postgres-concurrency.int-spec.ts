import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@covenant/testing/postgres';
import type { EventEnvelope } from '../../envelope';
import { computeEventHash } from '../../integrity/event-hash';
import { PostgresEventStore } from './postgres-event-store';
import { join } from 'node:path';
import { spawnTs } from '@covenant/testing/spawn-ts';

// jest.config.js sets testTimeout per project, which jest 30 ignores (only the global one counts).
jest.setTimeout(120_000);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('PostgresEventStore under concurrency', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('never lets a reader skip a late commit: a live subscriber and a checkpoint poller see every position once, in order, while many clients append at once', async () => {
    const writers = new PostgresEventStore({ connectionString: db.url, maxConnections: 8 });
    const reader = new PostgresEventStore({ connectionString: db.url, pollIntervalMs: 20, pageSize: 7 });
    // Holding each transaction open a random while after its positions are assigned is exactly what
    // makes a sequence-based design commit out of order; with the append lock it must not matter.
    writers.registerInTransaction(() => sleep(Math.random() * 3));
    const WRITERS = 8;
    const APPENDS = 25;
    const batches = Array.from({ length: WRITERS }, () => Array.from({ length: APPENDS }, () => 1 + Math.floor(Math.random() * 4)));
    const total = batches.flat().reduce((a, b) => a + b, 0);
    try {
      const subscription = reader.subscribeToAll();
      const viaSubscription = (async () => {
        const seen: number[] = [];
        for await (const e of subscription) {
          seen.push(e.position);
          // Stop at the last position even if some were skipped, so a failure shows which.
          if (e.position >= total) break;
        }
        return seen;
      })();
      // The naive consumer the problem is usually stated for: poll readAll after a checkpoint.
      const viaPolling = (async () => {
        const seen: number[] = [];
        while ((seen.at(-1) ?? 0) < total) {
          for await (const e of reader.readAll({ after: seen.at(-1) ?? 0 })) seen.push(e.position);
          await sleep(1);
        }
        return seen;
      })();
      await Promise.all(
        batches.map(async (sizes, w) => {
          for (const [i, size] of sizes.entries()) {
            const events = Array.from({ length: size }, (_, k) => ({ type: 'Tick', data: { w, i, k } }));
            await writers.appendToStream(`race-${w}`, events, { expectedVersion: 'any' });
          }
        }),
      );
      expect(await viaSubscription).toEqual(range(total));
      expect(await viaPolling).toEqual(range(total));
      expect(await reader.headPosition()).toBe(total);
    } finally {
      await reader.close();
      await writers.close();
    }
  }, 60_000);

  it('lets exactly one of two OS processes win each of 1,000 rounds on the same stream and expected version, leaving a gap-free, duplicate-free chain', async () => {
    const ROUNDS = 1000;
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE race_barrier (round integer NOT NULL, writer text NOT NULL, PRIMARY KEY (round, writer))');
    await admin.end();
    const stream = 'partnership-race';
    const outputs = await Promise.all(
      ['a', 'b'].map((writer) => spawnTs(join(__dirname, 'test-support/race-writer.ts'), [db.url, stream, writer, String(ROUNDS)]).done),
    );
    const results = outputs.map((o) => JSON.parse(o.trim().split('\n').at(-1) ?? '{}') as {
      writer: string;
      won: number[];
      lost: Array<{ round: number; expected: number; actual: number }>;
    });
    const winners = new Map<number, string[]>();
    for (const r of results) for (const round of r.won) winners.set(round, [...(winners.get(round) ?? []), r.writer]);
    for (let round = 0; round < ROUNDS; round++) expect({ round, winners: winners.get(round) }).toEqual({ round, winners: [expect.any(String)] });
    for (const r of results) {
      for (const loss of r.lost) expect(loss).toEqual({ round: loss.round, expected: loss.round - 1, actual: loss.round });
    }
    console.log(`two-process race: ${results.map((r) => `${r.writer} won ${r.won.length}`).join(', ')} of ${ROUNDS} rounds`);

    const store = new PostgresEventStore({ connectionString: db.url });
    try {
      const events = await collect(store.readStream(stream));
      expect(events.map((e) => e.version)).toEqual(range(ROUNDS).map((v) => v - 1));
      expect(events.map((e) => e.position)).toEqual(range(ROUNDS));
      expect(new Set(events.map((e) => e.id)).size).toBe(ROUNDS);
      events.forEach((e: EventEnvelope, i) => {
        expect((e.data as { round: number }).round).toBe(i);
        expect(e.prevHash).toBe(i === 0 ? null : events[i - 1].hash);
        expect(computeEventHash(e)).toBe(e.hash);
        if (i > 0) expect(e.metadata.recordedAt >= events[i - 1].metadata.recordedAt).toBe(true);
      });
    } finally {
      await store.close();
    }
  }, 120_000);

  it('creates its schema once when two OS processes open a fresh database at the same moment', async () => {
    const extra = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      for (const target of [db, ...extra]) {
        const children = ['contract-1', 'contract-2'].map((stream) => spawnTs(join(__dirname, 'test-support/schema-creator.ts'), [target.url, stream]));
        await Promise.all(children.map((c) => c.printed('ready')));
        for (const c of children) c.process.stdin.write('go\n');
        await Promise.all(children.map((c) => c.done));
        const store = new PostgresEventStore({ connectionString: target.url });
        try {
          const all = await collect(store.readAll());
          expect(all.map((e) => e.position)).toEqual([1, 2]);
          expect(all.map((e) => e.streamId).sort()).toEqual(['contract-1', 'contract-2']);
        } finally {
          await store.close();
        }
      }
    } finally {
      await Promise.all(extra.map((d) => d.drop()));
    }
  }, 60_000);
});
