import { Global, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { createPgPool } from '@covenant/event-store/adapters/postgres/pg-pool';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { COVENANT_CONFIG } from '../config/config.module';
import { CovenantConfig } from '../config/covenant-config';
import { IDEMPOTENCY_DDL, IdempotencyStore } from '../idempotency/idempotency-store';
import { indexInTransaction, LOOKUP_DDL, LookupIndex } from '../lookup/lookup-index';
import { pgSession, SqlSession, sqliteSession } from '../sql/sql-session';
import { CommandGateway } from './command-gateway';
import { COMMAND_HANDLERS } from './command-messages';

export const SQL_SESSION = Symbol('SQL_SESSION');

/** Advisory lock key for the application tables' DDL ('cov-app' as an int64). */
const APP_SCHEMA_LOCK = '7165075710226997360';

/**
 * The application's own tables live in the event store's database, so they commit with the events.
 * On EventStoreDB there is no shared transaction: that deployment keeps them in PostgreSQL and they
 * are not yet maintained there (see README, "Stores").
 */
async function sqlSessionFor(store: EventStore, config: CovenantConfig): Promise<{ session: SqlSession; close(): Promise<void> }> {
  if (store.kind === 'sqlite') return { session: sqliteSession((store as SqliteEventStore).db), close: async () => undefined };
  if (!config.databaseUrl) throw new Error(`The ${store.kind} store needs DATABASE_URL for the application's tables`);
  const pool = createPgPool({ connectionString: config.databaseUrl, max: 5, application_name: 'covenant-app' });
  pool.on('error', () => undefined);
  return { session: pgSession(pool), close: () => pool.end() };
}

@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    ...COMMAND_HANDLERS,
    {
      provide: SQL_SESSION,
      inject: [EVENT_STORE, COVENANT_CONFIG],
      useFactory: async (store: EventStore, config: CovenantConfig) => {
        const sql = await sqlSessionFor(store, config);
        // On PostgreSQL several processes may start at once, and concurrent CREATE TABLE IF NOT EXISTS
        // is not safe there: the DDL runs under a transaction-scoped advisory lock.
        const ddl = store.kind === 'sqlite' ? LOOKUP_DDL + IDEMPOTENCY_DDL : `BEGIN; SELECT pg_advisory_xact_lock(${APP_SCHEMA_LOCK}); ${LOOKUP_DDL} ${IDEMPOTENCY_DDL} COMMIT;`;
        await sql.session.exec(ddl);
        if (store.supportsTransactions) store.registerInTransaction(indexInTransaction);
        return sql;
      },
    },
    {
      provide: CommandGateway,
      inject: [EVENT_STORE, SQL_SESSION],
      useFactory: (store: EventStore, sql: { session: SqlSession }) =>
        new CommandGateway(store, new LookupIndex(sql.session), new IdempotencyStore(sql.session)),
    },
    { provide: LookupIndex, inject: [SQL_SESSION], useFactory: (sql: { session: SqlSession }) => new LookupIndex(sql.session) },
  ],
  exports: [CommandGateway, LookupIndex, SQL_SESSION, CqrsModule],
})
export class CommandsModule implements OnModuleDestroy {
  constructor(@Inject(SQL_SESSION) private readonly sql: { close(): Promise<void> }) {}

  async onModuleDestroy(): Promise<void> {
    await this.sql.close();
  }
}
