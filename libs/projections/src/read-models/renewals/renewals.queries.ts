import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { addDays } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant } from '../contract-state/contract-view';
import { RenewalPhaseView } from './renewals.projection';

export interface RenewalView {
  contractId: string;
  partnershipId: string;
  title: string;
  phase: RenewalPhaseView;
  /** The expiry in force. */
  expiresAt: string;
  /** When the renewal discussion opens (the terms' window before the expiry in force). */
  windowOpensAt: string;
  decisionDueAt: string;
  /** The last instant a renewal can be declined (notice period and decision date, whichever is first). */
  declineBy: string;
  /** When the current renewal cycle began (activation, renewal, or an amendment that moved the expiry). */
  cycleSince: string;
  autoRenew: boolean;
  renewalTermDays: number;
  renewals: number;
  /** At `now`: the decision date has passed and the renewal is neither declined nor ended. */
  decisionOverdue: boolean;
  version: number;
}

export interface RenewalFilter {
  partnershipId?: string;
  phases?: RenewalPhaseView[];
  /** Renewals still in force (expiry at or after now) whose decision is due by now + N days, overdue ones included. */
  withinDays?: number;
  now?: string;
}

type Row = Record<string, unknown>;

const toRenewal =
  (now: string) =>
  (r: Row): RenewalView => ({
    contractId: r.contract_id as string,
    partnershipId: r.partnership_id as string,
    title: r.title as string,
    phase: r.phase as RenewalPhaseView,
    expiresAt: r.expires_at as string,
    windowOpensAt: r.window_opens_at as string,
    decisionDueAt: r.decision_due_at as string,
    declineBy: r.decline_by as string,
    cycleSince: r.cycle_since as string,
    autoRenew: Number(r.auto_renew) === 1,
    renewalTermDays: Number(r.renewal_term_days),
    renewals: Number(r.renewals),
    decisionOverdue: r.phase !== 'declined' && r.phase !== 'ended' && (r.decision_due_at as string) < now,
    version: Number(r.version),
  });

/** "Renewals due" for committees: contracts in a renewal cycle within the caller's scope, soonest decision first. */
export async function listRenewals(source: ReadModelSource, filter: RenewalFilter, page: PageRequest, scope?: PartnershipScope): Promise<Page<RenewalView>> {
  const now = canonicalInstant(filter.now ?? new Date().toISOString());
  const qb = restrictToScope(source.table('rm_renewals').where('t.phase IS NOT NULL'), scope);
  if (filter.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.phases?.length) qb.andWhere('t.phase IN (:...phases)', { phases: filter.phases });
  if (filter.withinDays !== undefined) {
    qb.andWhere("t.phase <> 'ended' AND t.expires_at >= :now AND t.decision_due_at <= :until", { now, until: addDays(now, filter.withinDays) });
  }
  return paginate(
    qb,
    [
      { column: 't.decision_due_at', field: 'decision_due_at', direction: 'ASC' },
      { column: 't.contract_id', field: 'contract_id', direction: 'ASC' },
    ],
    page,
    toRenewal(now),
  );
}

/** `GET /reports/renewals`, within the caller's scope. */
export class ListRenewalsQuery extends Query<Page<RenewalView>> {
  constructor(
    readonly filter: RenewalFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(ListRenewalsQuery)
export class ListRenewalsHandler implements IQueryHandler<ListRenewalsQuery, Page<RenewalView>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListRenewalsQuery): Promise<Page<RenewalView>> {
    return listRenewals(this.source, filter, page, partnershipScope);
  }
}

export const RENEWALS_QUERY_HANDLERS = [ListRenewalsHandler];
