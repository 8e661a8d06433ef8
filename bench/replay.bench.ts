import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '../libs/event-store/src/adapters/sqlite/sqlite-event-store';
import { ContractAsOfHandler, ContractAsOfQuery } from '../libs/application/src/queries/contract-as-of.query';
import { sqliteSession } from '../libs/application/src/sql/sql-session';
import { prng } from '../libs/application/src/demo/prng';
import { appendDated, LONG_CONTRACT_ID, longContractHistory } from '../libs/application/src/replay/test-support/long-contract';
import { SNAPSHOT_EVERY } from '../libs/application/src/replay/stream-replay';
import { tempSqliteFile } from '../libs/testing/src/sqlite';
import { printJsonLine, printTable } from './lib/report';

/*
 * As-of reads of one long contract stream (10,000 events: the story's master agreement, then hourly
 * SLA measurements with breaches and backdated facts) in a temp SQLite store, through the query
 * handler behind GET /contracts/{id}?asOf=&knownAt= (snapshots in the store's database). The first
 * read writes the snapshots; then READS reads at random asOf and knownAt are timed one by one.
 */
const EVENTS = Number(process.env.REPLAY_BENCH_EVENTS ?? 10_000);
const READS = Number(process.env.REPLAY_BENCH_READS ?? 300);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number): number => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const temp = tempSqliteFile('replay.db');
  const db = new BetterSqlite3(temp.file);
  let now = '';
  const store = new SqliteEventStore({ db, clock: () => new Date(now) });
  try {
    const history = longContractHistory(EVENTS, 7);
    await appendDated(store, history, (at) => (now = at));
    const handler = new ContractAsOfHandler(store, { session: sqliteSession(db) });
    const firstStarted = process.hrtime.bigint();
    const whole = await handler.execute(new ContractAsOfQuery(LONG_CONTRACT_ID, {}));
    const firstMs = Number(process.hrtime.bigint() - firstStarted) / 1e6;
    if (whole?.eventsApplied.length !== EVENTS) throw new Error(`replay applied ${whole?.eventsApplied.length} of ${EVENTS} events`);

    const rnd = prng(11);
    const lo = Date.parse(history[0].occurredAt);
    const hi = Date.parse(history[history.length - 1].recordedAt);
    const at = (): string => new Date(lo + Math.floor(rnd.next() * (hi - lo))).toISOString();
    const times: number[] = [];
    let applied = 0;
    for (let i = 0; i < READS; i++) {
      const request = { asOf: at(), knownAt: rnd.chance(0.8) ? at() : undefined };
      const started = process.hrtime.bigint();
      const view = await handler.execute(new ContractAsOfQuery(LONG_CONTRACT_ID, request));
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      applied += view?.eventsApplied.length ?? 0;
    }
    times.sort((a, b) => a - b);
    const p50Ms = round(percentile(times, 50));
    const p99Ms = round(percentile(times, 99));
    printTable(`As-of replay of one contract stream (sqlite temp file, snapshot every ${SNAPSHOT_EVERY} events; bar: p50 <= 10 ms)`, [
      { measure: 'first replay (writes the snapshots)', reads: 1, ms: round(firstMs) },
      { measure: 'as-of reads at random asOf / knownAt: p50', reads: READS, ms: p50Ms },
      { measure: '  p99', reads: READS, ms: p99Ms },
      { measure: '  max', reads: READS, ms: round(times[times.length - 1]) },
      { measure: '  mean events applied per read', reads: READS, ms: Math.round(applied / READS) },
    ]);
    printJsonLine({ events: EVENTS, p50Ms, p99Ms });
  } finally {
    await store.close();
    db.close();
    temp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
