import { Module } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { SQL_SESSION } from '../commands/commands.module';
import { COVENANT_CONFIG } from '../config/config.module';
import { CovenantConfig } from '../config/covenant-config';
import type { SqlSession } from '../sql/sql-session';
import { AuditLog } from './audit-log';
import { AUDIT_QUERY_HANDLERS } from './audit.queries';
import { Checkpointer } from './checkpointer';
import { loadSigningKey } from './signing-key';

/**
 * The integrity half of the auditor's toolkit in the API process: the AuditLog over the store's own
 * database (the application's SQL session: on sqlite the store's very connection), the checkpointer,
 * and the query handlers behind `GET /audit/...`. The signing key is created on first start when
 * none is configured. On EventStoreDB there is no SQL to keep checkpoints in: no key is created, the
 * checkpointer stays idle and only verification of the events is served.
 */
@Module({
  providers: [
    {
      provide: AuditLog,
      inject: [EVENT_STORE, SQL_SESSION, COVENANT_CONFIG],
      useFactory: async (store: EventStore, sql: { session: SqlSession }, config: CovenantConfig) => {
        const sqlStore = store.kind === 'sqlite' || store.kind === 'postgres';
        const key = loadSigningKey(config, { create: sqlStore });
        return AuditLog.open(store, sqlStore ? sql.session : undefined, key);
      },
    },
    Checkpointer,
    ...AUDIT_QUERY_HANDLERS,
  ],
  exports: [AuditLog, Checkpointer],
})
export class AuditModule {}
