import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { ReadModelSource } from '../../framework/read-model-source';

export interface AccessLogEntry {
  position: number;
  actorId: string;
  action: string;
  resource: string;
  query: Record<string, string>;
  recordedAt: string;
}

export interface AccessLogFilter {
  actorId?: string;
  resource?: string;
  action?: string;
  from?: string;
  to?: string;
}

const toEntry = (r: Record<string, unknown>): AccessLogEntry => ({
  position: Number(r.position),
  actorId: r.actor_id as string,
  action: r.action as string,
  resource: r.resource as string,
  query: JSON.parse(r.query as string) as Record<string, string>,
  recordedAt: r.recorded_at as string,
});

/** `GET /audit/access-log`: who read which history, newest first. */
export class AccessLogQuery extends Query<Page<AccessLogEntry>> {
  constructor(
    readonly filter: AccessLogFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(AccessLogQuery)
export class AccessLogHandler implements IQueryHandler<AccessLogQuery, Page<AccessLogEntry>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page }: AccessLogQuery): Promise<Page<AccessLogEntry>> {
    const qb = this.source.table('rm_access_log');
    if (filter.actorId) qb.andWhere('t.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.resource) qb.andWhere('t.resource = :resource', { resource: filter.resource });
    if (filter.action) qb.andWhere('t.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('t.recorded_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('t.recorded_at <= :to', { to: filter.to });
    return paginate(qb, [{ column: 't.position', field: 'position', direction: 'DESC' }], page, toEntry);
  }
}

export const ACCESS_LOG_QUERY_HANDLERS = [AccessLogHandler];
