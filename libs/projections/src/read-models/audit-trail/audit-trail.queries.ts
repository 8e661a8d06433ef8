import { Page, PageRequest, paginate } from '../../framework/pagination';
import type { ReadModelSource } from '../../framework/read-model-source';

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
