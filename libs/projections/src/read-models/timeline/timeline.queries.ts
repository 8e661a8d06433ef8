import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalOrUndefined } from '../partnerships/instant';
import { containsId } from '../partnerships/partnerships.queries';

export interface TimelineEntry {
  /** The event's place in the global log: the key to its record, hash and inclusion proof. */
  position: number;
  eventId: string;
  streamId: string;
  /** Version within the stream (0-based). */
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  /** The contract whose stream holds the event; null for the partnership's own events. */
  contractId: string | null;
  /** Another contract the event is about (an addendum's master, a linked contract to review). */
  relatedContractId: string | null;
  summary: string;
  partyIds: string[];
  correlationId: string | null;
  causationId: string | null;
}

export interface TimelineFilter {
  partnershipId: string;
  /** The contract's own events and the events of other contracts that name it. */
  contractId?: string;
  types?: string[];
  partyId?: string;
  /** `occurredAt` range, inclusive (ISO-8601). */
  from?: string;
  to?: string;
}

type Row = Record<string, unknown>;

const toEntry = (r: Row): TimelineEntry => ({
  position: Number(r.position),
  eventId: r.event_id as string,
  streamId: r.stream_id as string,
  version: Number(r.stream_version),
  type: r.type as string,
  occurredAt: r.occurred_at as string,
  recordedAt: r.recorded_at as string,
  actorId: (r.actor_id as string | null) ?? null,
  contractId: (r.contract_id as string | null) ?? null,
  relatedContractId: (r.related_contract_id as string | null) ?? null,
  summary: r.summary as string,
  partyIds: (r.party_ids as string).split(',').filter((id) => id !== ''),
  correlationId: (r.correlation_id as string | null) ?? null,
  causationId: (r.causation_id as string | null) ?? null,
});

/** Whether the timeline knows the partnership (its PartnershipFormed was projected). */
export async function timelineKnows(source: ReadModelSource, partnershipId: string): Promise<boolean> {
  return (await source.table('rm_timeline_partnerships').where('t.partnership_id = :id', { id: partnershipId }).getCount()) > 0;
}

/** A partnership's timeline in `occurredAt` order (then log order), merged across all its streams. */
export async function partnershipTimeline(source: ReadModelSource, filter: TimelineFilter, page: PageRequest): Promise<Page<TimelineEntry>> {
  const qb = source.table('rm_timeline').where('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.contractId) qb.andWhere('(t.contract_id = :contractId OR t.related_contract_id = :contractId)', { contractId: filter.contractId });
  if (filter.types?.length) qb.andWhere('t.type IN (:...types)', { types: filter.types });
  if (filter.partyId) qb.andWhere(containsId('t.party_ids', 'party'), { party: `,${filter.partyId},` });
  const from = canonicalOrUndefined(filter.from);
  const to = canonicalOrUndefined(filter.to);
  if (from) qb.andWhere('t.occurred_at >= :from', { from });
  if (to) qb.andWhere('t.occurred_at <= :to', { to });
  return paginate(
    qb,
    [
      { column: 't.occurred_at', field: 'occurred_at', direction: 'ASC' },
      { column: 't.position', field: 'position', direction: 'ASC' },
    ],
    page,
    toEntry,
  );
}

/** `GET /partnerships/{id}/timeline`: one page, or undefined when the partnership is unknown. */
export class PartnershipTimelineQuery extends Query<Page<TimelineEntry> | undefined> {
  constructor(
    readonly filter: TimelineFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(PartnershipTimelineQuery)
export class PartnershipTimelineHandler implements IQueryHandler<PartnershipTimelineQuery, Page<TimelineEntry> | undefined> {
  constructor(private readonly source: ReadModelSource) {}

  async execute({ filter, page }: PartnershipTimelineQuery): Promise<Page<TimelineEntry> | undefined> {
    if (!(await timelineKnows(this.source, filter.partnershipId))) return undefined;
    return partnershipTimeline(this.source, filter, page);
  }
}

export const TIMELINE_QUERY_HANDLERS = [PartnershipTimelineHandler];
