import { Inject, Optional } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { SQL_SESSION } from '../commands/commands.module';
import { AuditLog } from '../audit/audit-log';
import { exportBundle } from '../bundle/export-bundle';
import type { SqlSession } from '../sql/sql-session';
import { PartnershipAsOfView, replayPartnership } from './replay-views';
import { SnapshotStore } from './snapshot-store';
import type { AsOfRequest } from './stream-replay';

/** `GET /partnerships/{id}/state?asOf=&knownAt=`: the replay of one partnership stream. */
export class PartnershipAsOfQuery extends Query<PartnershipAsOfView | null> {
  constructor(
    readonly partnershipId: string,
    readonly request: AsOfRequest,
  ) {
    super();
  }
}

@QueryHandler(PartnershipAsOfQuery)
export class PartnershipAsOfHandler implements IQueryHandler<PartnershipAsOfQuery, PartnershipAsOfView | null> {
  private readonly snapshots?: SnapshotStore;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(SQL_SESSION) sql?: { session: SqlSession },
  ) {
    if (sql && (store.kind === 'sqlite' || store.kind === 'postgres')) this.snapshots = new SnapshotStore(sql.session);
  }

  execute({ partnershipId, request }: PartnershipAsOfQuery): Promise<PartnershipAsOfView | null> {
    return replayPartnership(this.store, partnershipId, request, this.snapshots);
  }
}

/** `GET /audit/export?stream=`: the evidence bundle's exact text. */
export class ExportBundleQuery extends Query<string> {
  constructor(readonly stream: string) {
    super();
  }
}

@QueryHandler(ExportBundleQuery)
export class ExportBundleHandler implements IQueryHandler<ExportBundleQuery, string> {
  constructor(private readonly audit: AuditLog) {}

  execute({ stream }: ExportBundleQuery): Promise<string> {
    return exportBundle(this.audit, stream);
  }
}

export const REPLAY_QUERY_HANDLERS = [PartnershipAsOfHandler, ExportBundleHandler];
