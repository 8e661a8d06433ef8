import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { ReadModelSource } from '../../framework/read-model-source';

export interface AuditEntry {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  correlationId: string | null;
  causationId: string | null;
  prevHash: string | null;
  hash: string;
}

export interface AuditTrailFilter {
  streamId: string;
  types?: string[];
  /** Record-time range, inclusive (ISO-8601). */
  recordedFrom?: string;
  recordedTo?: string;
}

type Row = Record<string, unknown>;

const toEntry = (r: Row): AuditEntry => ({
  position: Number(r.position),
  eventId: r.event_id as string,
  streamId: r.stream_id as string,
  version: Number(r.stream_version),
  type: r.type as string,
  schemaVersion: Number(r.schema_version),
  occurredAt: r.occurred_at as string,
  recordedAt: r.recorded_at as string,
  actorId: (r.actor_id as string | null) ?? null,
  correlationId: (r.correlation_id as string | null) ?? null,
  causationId: (r.causation_id as string | null) ?? null,
  prevHash: (r.prev_hash as string | null) ?? null,
  hash: r.hash as string,
});

/** A stream's audit trail in stream order (the order of its hash chain). */
export async function auditTrail(source: ReadModelSource, filter: AuditTrailFilter, page: PageRequest): Promise<Page<AuditEntry>> {
  const qb = source.table('rm_audit_trail').where('t.stream_id = :streamId', { streamId: filter.streamId });
  if (filter.types?.length) qb.andWhere('t.type IN (:...types)', { types: filter.types });
  if (filter.recordedFrom) qb.andWhere('t.recorded_at >= :from', { from: filter.recordedFrom });
  if (filter.recordedTo) qb.andWhere('t.recorded_at <= :to', { to: filter.recordedTo });
  return paginate(qb, [{ column: 't.stream_version', field: 'stream_version', direction: 'ASC' }], page, toEntry);
}

/** `GET /contracts/{id}/history` (and any stream's trail): one page of a stream's audit trail. */
export class AuditTrailQuery extends Query<Page<AuditEntry>> {
  constructor(
    readonly filter: AuditTrailFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(AuditTrailQuery)
export class AuditTrailHandler implements IQueryHandler<AuditTrailQuery, Page<AuditEntry>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page }: AuditTrailQuery): Promise<Page<AuditEntry>> {
    return auditTrail(this.source, filter, page);
  }
}

export const AUDIT_TRAIL_QUERY_HANDLERS = [AuditTrailHandler];
