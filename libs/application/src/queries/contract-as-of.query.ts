import { Inject, Optional } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { SQL_SESSION } from '../commands/commands.module';
import type { SqlSession } from '../sql/sql-session';
import { ContractAsOfView, replayContract } from '../replay/replay-views';
import { SnapshotStore } from '../replay/snapshot-store';
import type { AsOfRequest } from '../replay/stream-replay';

export type { AppliedEvent, AsOfRequest } from '../replay/stream-replay';
export type { ContractAsOfView } from '../replay/replay-views';

/** `GET /contracts/{id}?asOf=&knownAt=`: the auditor's replay of one contract stream (replay/replay-views.ts). */
export class ContractAsOfQuery extends Query<ContractAsOfView | null> {
  constructor(
    readonly contractId: string,
    readonly request: AsOfRequest,
  ) {
    super();
  }
}

@QueryHandler(ContractAsOfQuery)
export class ContractAsOfHandler implements IQueryHandler<ContractAsOfQuery, ContractAsOfView | null> {
  private readonly snapshots?: SnapshotStore;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Snapshots live in the store's own SQL database; EventStoreDB replays without them.
    @Optional() @Inject(SQL_SESSION) sql?: { session: SqlSession },
  ) {
    if (sql && (store.kind === 'sqlite' || store.kind === 'postgres')) this.snapshots = new SnapshotStore(sql.session);
  }

  execute({ contractId, request }: ContractAsOfQuery): Promise<ContractAsOfView | null> {
    return replayContract(this.store, contractId, request, this.snapshots);
  }
}

export const CONTRACT_AS_OF_QUERY_HANDLERS = [ContractAsOfHandler];
