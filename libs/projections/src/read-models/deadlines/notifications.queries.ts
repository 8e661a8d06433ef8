import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ActionKind, Tier } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant } from '../contract-state/contract-view';
import type { NotificationStatus } from './notifications.projection';

export interface NotificationView {
  notificationId: string;
  partnershipId: string;
  contractId: string;
  kind: ActionKind;
  /** The escalation, change, dispute or exit step concerned; null for a renewal decision. */
  ref: string | null;
  tier: Tier;
  personId: string;
  partyId: string;
  /** Act by then (deadlines are exclusive: at this instant it is late). */
  deadline: string;
  /** API path of the resource to act on. */
  link: string;
  /** The event after which the action was open. */
  sourceEventId: string;
  status: NotificationStatus;
}

export interface NotificationFilter {
  personId?: string;
  partnershipId?: string;
  contractId?: string;
  kind?: ActionKind;
  /** Deadline strictly before this instant. */
  dueBefore?: string;
  status?: NotificationStatus;
}

type Row = Record<string, unknown>;

const toNotification = (r: Row): NotificationView => ({
  notificationId: r.notification_id as string,
  partnershipId: r.partnership_id as string,
  contractId: r.contract_id as string,
  kind: r.kind as ActionKind,
  ref: (r.ref as string | null) ?? null,
  tier: r.tier as Tier,
  personId: r.person_id as string,
  partyId: r.party_id as string,
  deadline: r.deadline as string,
  link: r.link as string,
  sourceEventId: r.source_event_id as string,
  status: r.status as NotificationStatus,
});

/** Notifications by person, partnership, contract, kind, deadline and status, within the caller's scope; the earliest deadline first. */
export async function listNotifications(source: ReadModelSource, filter: NotificationFilter, page: PageRequest, scope: PartnershipScope): Promise<Page<NotificationView>> {
  const qb = restrictToScope(source.table('rm_notifications'), scope);
  if (filter.personId !== undefined) qb.andWhere('t.person_id = :personId', { personId: filter.personId });
  if (filter.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.contractId !== undefined) qb.andWhere('t.contract_id = :contractId', { contractId: filter.contractId });
  if (filter.kind !== undefined) qb.andWhere('t.kind = :kind', { kind: filter.kind });
  if (filter.dueBefore !== undefined) qb.andWhere('t.deadline < :dueBefore', { dueBefore: canonicalInstant(filter.dueBefore) });
  if (filter.status !== undefined) qb.andWhere('t.status = :status', { status: filter.status });
  return paginate(
    qb,
    [
      { column: 't.deadline', field: 'deadline', direction: 'ASC' },
      { column: 't.notification_id', field: 'notification_id', direction: 'ASC' },
    ],
    page,
    toNotification,
  );
}

/** `GET /notifications`, within the caller's scope. */
export class ListNotificationsQuery extends Query<Page<NotificationView>> {
  constructor(
    readonly filter: NotificationFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery, Page<NotificationView>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListNotificationsQuery): Promise<Page<NotificationView>> {
    return listNotifications(this.source, filter, page, partnershipScope);
  }
}

export const NOTIFICATIONS_QUERY_HANDLERS = [ListNotificationsHandler];
