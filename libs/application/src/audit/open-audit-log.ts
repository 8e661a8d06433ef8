import { Pool } from 'pg';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import type { CovenantConfig } from '../config/covenant-config';
import { pgSession, sqliteSession, type SqlSession } from '../sql/sql-session';
import { createEventStore } from '../store/create-event-store';
import { AuditLog } from './audit-log';
import { loadSigningKey } from './signing-key';

export interface OpenedAuditLog {
  audit: AuditLog;
  close(): Promise<void>;
}

/**
 * The AuditLog on the configured store without the Nest application (the CLI's verify and
 * checkpoint): the same store adapter and the same tables, on the store's own database. `createKey`
 * as the API does on first start; a verifier passes false, since it must not invent its key.
 */
export async function openAuditLog(config: CovenantConfig, options: { createKey: boolean }): Promise<OpenedAuditLog> {
  const store = await createEventStore(config);
  let sql: SqlSession | undefined;
  let pool: Pool | undefined;
  try {
    if (store.kind === 'sqlite') sql = sqliteSession((store as SqliteEventStore).db);
    if (store.kind === 'postgres') {
      pool = createPgPool({ connectionString: config.databaseUrl, max: 2, application_name: 'covenant-audit' });
      pool.on('error', () => undefined);
      sql = pgSession(pool);
    }
    const key = loadSigningKey(config, { create: options.createKey && sql !== undefined });
    const audit = await AuditLog.open(store, sql, key);
    return {
      audit,
      async close() {
        await pool?.end();
        await store.close();
      },
    };
  } catch (err) {
    await pool?.end();
    await store.close();
    throw err;
  }
}
