import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ConsistencyProofJson, InclusionProofJson, PublicKeyInfo, VerifyReport } from '@covenant/event-store';
import { AuditLog, CheckpointPage } from './audit-log';

/** The audit resources (`GET /audit/...`) as queries: the controller sends them, AuditLog answers. */
export class ListCheckpointsQuery extends Query<CheckpointPage> {
  constructor(readonly page: { limit?: number; cursor?: string }) {
    super();
  }
}

export class InclusionProofQuery extends Query<InclusionProofJson> {
  constructor(
    readonly position: number,
    readonly treeSize?: number,
  ) {
    super();
  }
}

export class ConsistencyProofQuery extends Query<ConsistencyProofJson> {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
}

export class VerifyLogQuery extends Query<VerifyReport> {}

export class PublicKeyQuery extends Query<PublicKeyInfo> {}

@QueryHandler(ListCheckpointsQuery)
export class ListCheckpointsHandler implements IQueryHandler<ListCheckpointsQuery, CheckpointPage> {
  constructor(private readonly audit: AuditLog) {}
  execute(q: ListCheckpointsQuery): Promise<CheckpointPage> {
    return this.audit.listCheckpoints(q.page.limit, q.page.cursor);
  }
}

@QueryHandler(InclusionProofQuery)
export class InclusionProofHandler implements IQueryHandler<InclusionProofQuery, InclusionProofJson> {
  constructor(private readonly audit: AuditLog) {}
  execute(q: InclusionProofQuery): Promise<InclusionProofJson> {
    return this.audit.inclusionProof(q.position, q.treeSize);
  }
}

@QueryHandler(ConsistencyProofQuery)
export class ConsistencyProofHandler implements IQueryHandler<ConsistencyProofQuery, ConsistencyProofJson> {
  constructor(private readonly audit: AuditLog) {}
  execute(q: ConsistencyProofQuery): Promise<ConsistencyProofJson> {
    return this.audit.consistencyProof(q.from, q.to);
  }
}

@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery, VerifyReport> {
  constructor(private readonly audit: AuditLog) {}
  execute(): Promise<VerifyReport> {
    return this.audit.verify();
  }
}

@QueryHandler(PublicKeyQuery)
export class PublicKeyHandler implements IQueryHandler<PublicKeyQuery, PublicKeyInfo> {
  constructor(private readonly audit: AuditLog) {}
  async execute(): Promise<PublicKeyInfo> {
    return this.audit.publicKey();
  }
}

export const AUDIT_QUERY_HANDLERS = [ListCheckpointsHandler, InclusionProofHandler, ConsistencyProofHandler, VerifyLogHandler, PublicKeyHandler];
