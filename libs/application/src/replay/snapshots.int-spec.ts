import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { useTempSqliteFile } from '@covenant/testing/sqlite';
import { prng } from '../demo/prng';
import { sqliteSession } from '../sql/sql-session';
import { CONTRACT_FOLD, replayContract } from './replay-views';
import { SnapshotStore } from './snapshot-store';
import { AsOfRequest, ensureSnapshots, replayStream } from './stream-replay';
import { appendDated, DatedEvent, LONG_CONTRACT_ID, LONG_CONTRACT_STREAM, longContractHistory } from './test-support/long-contract';

jest.setTimeout(60_000);

const iso = (ms: number): string => new Date(ms).toISOString();

/** A random instant around the history's span, sometimes exactly an event's own instant (inclusive bounds). */
function instant(rnd: ReturnType<typeof prng>, history: DatedEvent[], field: 'occurredAt' | 'recordedAt'): string | undefined {
  if (rnd.chance(0.15)) return undefined;
  if (rnd.chance(0.3)) return history[rnd.int(0, history.length - 1)][field];
  const lo = Date.parse(history[0].occurredAt) - 86_400_000;
  const hi = Date.parse(history[history.length - 1].recordedAt) + 86_400_000;
  return iso(lo + Math.floor(rnd.next() * (hi - lo)));
}

describe('as-of replays from snapshots', () => {
  const file = useTempSqliteFile('snapshots.db');
  let store: SqliteEventStore;
  let snapshots: SnapshotStore;
  let history: DatedEvent[];
  beforeEach(async () => {
    let now = '';
    // A lent connection: no WAL checkpointer worker, which may still be opening the file when the test's dir is removed.
    store = new SqliteEventStore({ db: new BetterSqlite3(file.current()), clock: () => new Date(now) });
    snapshots = new SnapshotStore(sqliteSession(store.db));
    history = longContractHistory(700, 3, 5);
    await appendDated(store, history, (at) => (now = at));
  });
  afterEach(async () => {
    await store.close();
    store.db.close();
  });

  it('the generated history is backdated: occurredAt goes backwards along the stream, recordedAt never does', () => {
    const back = history.filter((h, i) => i > 0 && h.occurredAt < history[i - 1].occurredAt).length;
    expect(back).toBeGreaterThan(50);
    expect(history.every((h, i) => i === 0 || h.recordedAt >= history[i - 1].recordedAt)).toBe(true);
  });

  it('equals the replay without snapshots for 300 random (asOf, knownAt), on a chain of 29-event snapshots', async () => {
    expect(await ensureSnapshots(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, snapshots, 29)).toBe(24);
    expect((await snapshots.headers(LONG_CONTRACT_STREAM, CONTRACT_FOLD.snapshotVersion)).map((h) => h.version)).toEqual([...Array(24).keys()].map((k) => 29 * k + 28));
    const rnd = prng(42);
    let fromSnapshot = 0;
    for (let i = 0; i < 300; i++) {
      const request: AsOfRequest = { asOf: instant(rnd, history, 'occurredAt'), knownAt: instant(rnd, history, 'recordedAt') };
      const plain = await replayStream(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, request);
      const cached = await replayStream(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, request, snapshots);
      expect({ request, ...cached }).toEqual({ request, ...plain });
      if (plain.applied.length > 29 && plain.applied[28].version === 28) fromSnapshot++;
    }
    expect(fromSnapshot).toBeGreaterThan(50);
  });

  it('keeps answering the same as the stream grows past its snapshots, and writes the missing ones lazily', async () => {
    await ensureSnapshots(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, snapshots, 200);
    const all = await replayContract(store, LONG_CONTRACT_ID, {});
    expect(await replayContract(store, LONG_CONTRACT_ID, {}, snapshots)).toEqual(all);
    expect(all?.eventsApplied).toHaveLength(700);
    await snapshots.clear(LONG_CONTRACT_STREAM);
    await replayContract(store, LONG_CONTRACT_ID, { asOf: history[10].occurredAt }, snapshots);
    expect((await snapshots.headers(LONG_CONTRACT_STREAM, CONTRACT_FOLD.snapshotVersion)).map((h) => h.version)).toEqual([499]);
    const mid = { asOf: history[400].occurredAt, knownAt: history[650].recordedAt };
    expect(await replayContract(store, LONG_CONTRACT_ID, mid, snapshots)).toEqual(await replayContract(store, LONG_CONTRACT_ID, mid));
  });

  it('ignores snapshots of another decider version, and a chain whose stream no longer links to it', async () => {
    const other = { ...CONTRACT_FOLD, snapshotVersion: 'contract/0' };
    await ensureSnapshots(store, other, LONG_CONTRACT_STREAM, snapshots, 100);
    expect(await snapshots.headers(LONG_CONTRACT_STREAM, CONTRACT_FOLD.snapshotVersion)).toEqual([]);
    await ensureSnapshots(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, snapshots, 100);
    // A snapshot whose last hash no longer matches the next event's prevHash is not trusted.
    store.db.prepare("UPDATE covenant_snapshots SET last_hash = 'x', state = '{\"status\":\"none\"}' WHERE decider_version = 'contract/1' AND version = 599").run();
    const request = { knownAt: history[699].recordedAt };
    expect(await replayStream(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, request, snapshots)).toEqual(await replayStream(store, CONTRACT_FOLD, LONG_CONTRACT_STREAM, request));
  });
});
