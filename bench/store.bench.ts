import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '../libs/event-store/src/adapters/sqlite/sqlite-event-store';
import { applyPragmas, createSchema, INSERT_EVENT_SQL } from '../libs/event-store/src/adapters/sqlite/sqlite-schema';
import { WalCheckpointer } from '../libs/event-store/src/adapters/sqlite/wal-checkpointer';
import { uuidv7 } from '../libs/event-store/src/uuid';
import { tempSqliteFile, type TempSqliteFile } from '../libs/testing/src/sqlite';
import { printJsonLine, printTable, rate, time, type Cell } from './lib/report';
import { slaMeasurementBatch } from './lib/sample-events';

/*
 * Store throughput on SQLite (a temp file, WAL, synchronous=NORMAL), with a raw better-sqlite3 insert
 * of the very rows the store wrote as the ceiling: same schema and indexes, values precomputed, one
 * prepared INSERT per row, 100 rows per transaction like one append of 100. The ratio append100 /
 * rawInsert is the store's own overhead (validation, canonical JSON, SHA-256 chain, version check).
 * Usage: npm run bench:store [-- --events=200000] [--no-postgres]
 */
const EVENTS = Number(process.argv.find((a) => a.startsWith('--events='))?.slice(9) ?? 200_000);
/** --no-postgres: the SQLite figures only (postgres printed as null). */
const SKIP_POSTGRES = process.argv.includes('--no-postgres');
const BATCH = 100;

type Row = unknown[];

async function appendRun(file: string, perAppend: number, events = EVENTS, distinctMetadata = false): Promise<number> {
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  const batches = Array.from({ length: events / perAppend }, (_, i) => slaMeasurementBatch(perAppend, i * perAppend, distinctMetadata));
  const streams = batches.map(() => `contract-${uuidv7()}`);
  const ns = await time(async () => {
    for (let i = 0; i < batches.length; i++) await store.appendToStream(streams[i], batches[i], { expectedVersion: 'no-stream' });
  });
  await store.close();
  return rate(events, ns);
}

async function readRun(file: string): Promise<{ rate: number; count: number }> {
  const store = new SqliteEventStore({ file });
  let count = 0;
  const ns = await time(async () => {
    for await (const _ of store.readAll()) count++;
  });
  await store.close();
  return { rate: rate(count, ns), count };
}

/** The rows exactly as stored, in insert column order, for the raw insert to replay. */
function storedRows(file: string, fromPosition: number): Row[] {
  const db = new BetterSqlite3(file, { readonly: true });
  const sql = 'SELECT position, id, stream_id, version, category, type, schema_version, data, metadata, recorded_at, prev_hash, hash FROM events WHERE position > ? ORDER BY position';
  const rows = db.prepare(sql).raw().all(fromPosition) as Row[];
  db.close();
  return rows;
}

async function rawInsertRun(file: string, rows: Row[]): Promise<number> {
  const db = new BetterSqlite3(file);
  applyPragmas(db, 'NORMAL');
  createSchema(db);
  const insert = db.prepare(INSERT_EVENT_SQL);
  const insertBatch = db.transaction((batch: Row[]) => {
    for (const r of batch) insert.run(r);
  });
  const batches = Array.from({ length: rows.length / BATCH }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
  // The store checkpoints its WAL from a worker thread (wal-checkpointer.ts); the raw insert gets the
  // same, told the same row sizes (data text + 640 per row, as the store estimates), so both run
  // under one checkpoint regime.
  const checkpointer = new WalCheckpointer(db, 'NORMAL');
  const sizes = batches.map((b) => b.reduce((n, r) => n + (r[7] as string).length + 640, 0));
  const started = process.hrtime.bigint();
  for (let i = 0; i < batches.length; i++) {
    insertBatch.immediate(batches[i]);
    checkpointer.committed(sizes[i]);
  }
  const ns = process.hrtime.bigint() - started;
  await checkpointer.close();
  db.close();
  return rate(rows.length, ns);
}

async function postgresFigures(): Promise<{ append1: number; append100: number; read: number } | null> {
  const path = join(__dirname, 'store-postgres.ts');
  if (SKIP_POSTGRES) {
    console.log('postgres: skipped (--no-postgres)');
    return null;
  }
  if (!existsSync(path)) {
    console.log('postgres: skipped (bench/store-postgres.ts not present)');
    return null;
  }
  const mod = (await import(path)) as { benchPostgres: () => Promise<{ append1: number; append100: number; read: number }> };
  return mod.benchPostgres();
}

/** The store's append of 100 and the raw insert of the same rows, alternated so noise hits both alike. */
async function append100AgainstRaw(storeFile: string, rawFiles: string[]): Promise<{ append100: number[]; raw: number[]; rows: number }> {
  const append100: number[] = [];
  const raw: number[] = [];
  let rows = 0;
  for (const rawFile of rawFiles) {
    const before = (await readRun(storeFile)).count;
    append100.push(await appendRun(storeFile, BATCH));
    const stored = storedRows(storeFile, before);
    rows = stored.length;
    raw.push(await rawInsertRun(rawFile, stored));
  }
  return { append100, raw, rows };
}

async function main(): Promise<void> {
  if (!Number.isInteger(EVENTS / BATCH) || EVENTS <= 0) throw new Error('--events must be a positive multiple of 100');
  const temps: TempSqliteFile[] = [tempSqliteFile('store.db'), tempSqliteFile('raw1.db'), tempSqliteFile('raw2.db')];
  const [storeFile, ...rawFiles] = temps.map((t) => t.file);
  try {
    await appendRun(storeFile, BATCH, Math.min(EVENTS, 20_000)); // warm-up (JIT); its rows stay in the log
    const pair = await append100AgainstRaw(storeFile, rawFiles);
    const append100 = Math.max(...pair.append100);
    const rawInsert = Math.max(...pair.raw);
    const distinct = await appendRun(storeFile, BATCH, EVENTS, true);
    const append1 = await appendRun(storeFile, 1);
    const read = await readRun(storeFile);
    const ratio = Math.round((append100 / rawInsert) * 100) / 100;
    const postgres = await postgresFigures();

    const runs = (xs: number[]): string => xs.map((x) => x.toLocaleString('en-US')).join(' / ');
    const table: Array<Record<string, Cell>> = [
      { store: 'sqlite', measure: 'append, 1 event per append, fresh streams', events: EVENTS, 'events/s': append1, runs: '' },
      { store: 'sqlite', measure: 'append, 100 events per append, fresh streams (best run)', events: EVENTS, 'events/s': append100, runs: runs(pair.append100) },
      { store: 'sqlite', measure: '  same, but distinct metadata on every event', events: EVENTS, 'events/s': distinct, runs: '' },
      { store: 'sqlite', measure: 'raw INSERT of the same rows, 1 statement/row, 100-row transactions (best run)', events: pair.rows, 'events/s': rawInsert, runs: runs(pair.raw) },
      { store: 'sqlite', measure: 'readAll, whole log', events: read.count, 'events/s': read.rate, runs: '' },
      { store: 'sqlite', measure: 'ratio append100 / raw insert (bar: >= 0.5)', events: null, 'events/s': ratio, runs: '' },
    ];
    if (postgres) {
      table.push(
        { store: 'postgres', measure: 'append, 1 event per append', events: null, 'events/s': postgres.append1, runs: '' },
        { store: 'postgres', measure: 'append, 100 events per append', events: null, 'events/s': postgres.append100, runs: '' },
        { store: 'postgres', measure: 'readAll, whole log', events: null, 'events/s': postgres.read, runs: '' },
      );
    }
    printTable('Event store throughput (temp file, WAL, synchronous=NORMAL; ~360-byte SLA measurement events, metadata shared per append)', table);
    printJsonLine({ sqlite: { append1, append100, read: read.rate, rawInsert, ratio }, postgres });
  } finally {
    for (const t of temps) t.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
