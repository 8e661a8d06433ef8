import { generateKeyPairSync } from 'node:crypto';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { EventStore, NewEvent } from '@covenant/event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { createTestDatabase } from '@covenant/testing/postgres';
import { tempSqliteFile } from '@covenant/testing/sqlite';
import { pgSession, sqliteSession, type SqlSession } from '../../sql/sql-session';
import { AuditLog } from '../audit-log';
import type { SigningKey } from '../signing-key';

export type AuditEngine = 'sqlite' | 'postgres';

/** A real store with its AuditLog, plus raw SQL on the same database to tamper with it. */
export interface AuditFixture {
  engine: AuditEngine;
  store: EventStore;
  audit: AuditLog;
  key: SigningKey;
  /** Raw SQL with `?` placeholders, on the store's own database. */
  sql: SqlSession;
  /** The events table of this engine. */
  events: string;
  close(): Promise<void>;
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, source: 'generated' };
}

/** recordedAt is pinned (2026-01-01T00:00:00Z plus one second per append) so tampered values are known. */
function pinnedClock(): () => Date {
  let t = Date.parse('2026-01-01T00:00:00.000Z');
  return () => new Date((t += 1000));
}

export async function openAuditFixture(engine: AuditEngine): Promise<AuditFixture> {
  const key = newSigningKey();
  if (engine === 'sqlite') {
    const temp = tempSqliteFile();
    const store = new SqliteEventStore({ file: temp.file, clock: pinnedClock() });
    const sql = sqliteSession(store.db);
    const audit = await AuditLog.open(store, sql, key);
    return { engine, store, audit, key, sql, events: 'events', close: async () => (await store.close(), temp.remove()) };
  }
  const db = await createTestDatabase();
  const store = new PostgresEventStore({ connectionString: db.url, now: pinnedClock() });
  const pool = createPgPool({ connectionString: db.url, max: 2 });
  const sql = pgSession(pool);
  const audit = await AuditLog.open(store, sql, key);
  return {
    engine,
    store,
    audit,
    key,
    sql,
    events: 'covenant_events',
    async close() {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

export const note = (n: number): NewEvent => ({ type: 'Noted', data: { n, note: `event ${n}` }, metadata: { occurredAt: '2026-01-01T00:00:00Z', actorId: 'auditor.test' } });

/**
 * Twelve events, one per append, round-robin over three streams, so positions interleave:
 * a0 p0 b0 a1 p1 b1 a2 p2 b2 a3 p3 b3 (positions 1..12); checkpoints at tree sizes 8 and 12.
 */
export async function writeHistory(f: AuditFixture): Promise<void> {
  const streams = ['contract-a', 'partnership-p', 'contract-b'];
  for (let i = 1; i <= 12; i++) {
    await f.store.appendToStream(streams[(i - 1) % 3], [note(i)]);
    if (i === 8 || i === 12) await f.audit.issueCheckpoint();
  }
}
