import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ChangeLevel, ChangeLevelReason, ChangeStatus, Money, Tier } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant } from '../contract-state/contract-view';
import { PENDING_CHANGE_STATUSES } from './changes.projection';

export interface ChangeView {
  changeId: string;
  contractId: string;
  partnershipId: string;
  title: string;
  rationale: string;
  proposedLevel: ChangeLevel;
  level: ChangeLevel;
  levelReasons: ChangeLevelReason[];
  status: ChangeStatus;
  /** The tier whose decision it waits for; null once decided. */
  awaitingTier: Tier | null;
  reviewRequired: boolean;
  respondBy: string | null;
  reviewOutcome: 'consensus' | 'no-consensus' | 'overdue' | null;
  reviewSummary: string | null;
  /** At `now`: the collaborative review is open and its response deadline has passed. */
  reviewOverdue: boolean;
  costImpact: Money;
  /** |cost impact| / contract value, percent with two decimals (null for a contract worth nothing). */
  costImpactPercent: string | null;
  baseTermsVersion: number;
  changedTerms: string[];
  requestedAt: string;
  requestedBy: string | null;
  mediator: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedByTier: Tier | null;
  decisionReason: string | null;
  /** The amendment an approval made of it. */
  amendmentNumber: number | null;
  /** Stream version of the last event that changed this change request. */
  version: number;
}

/** `pending` stands for every status still waiting for a decision. */
export type ChangeStatusFilter = ChangeStatus | 'pending';

export interface ChangeFilter {
  statuses?: ChangeStatusFilter[];
  /** Waiting for this tier's decision. */
  tier?: Tier;
  level?: ChangeLevel;
  /** true: the review is open past its response deadline at `now`; false: the others. */
  overdue?: boolean;
  partnershipId?: string;
  contractId?: string;
  now?: string;
}

type Row = Record<string, unknown>;

const toChange =
  (now: string) =>
  (r: Row): ChangeView => ({
    changeId: r.change_id as string,
    contractId: r.contract_id as string,
    partnershipId: r.partnership_id as string,
    title: r.title as string,
    rationale: r.rationale as string,
    proposedLevel: r.proposed_level as ChangeLevel,
    level: r.level as ChangeLevel,
    levelReasons: JSON.parse(r.level_reasons as string) as ChangeLevelReason[],
    status: r.status as ChangeStatus,
    awaitingTier: (r.awaiting_tier as Tier | null) ?? null,
    reviewRequired: Number(r.review_required) === 1,
    respondBy: (r.respond_by as string | null) ?? null,
    reviewOutcome: (r.review_outcome as ChangeView['reviewOutcome']) ?? null,
    reviewSummary: (r.review_summary as string | null) ?? null,
    reviewOverdue: r.status === 'in-review' && r.respond_by !== null && (r.respond_by as string) <= now,
    costImpact: { amount: r.cost_impact_amount as string, currency: r.cost_impact_currency as string },
    costImpactPercent: (r.cost_impact_percent as string | null) ?? null,
    baseTermsVersion: Number(r.base_terms_version),
    changedTerms: JSON.parse(r.changed_terms as string) as string[],
    requestedAt: r.requested_at as string,
    requestedBy: (r.requested_by as string | null) ?? null,
    mediator: (r.mediator as string | null) ?? null,
    decidedAt: (r.decided_at as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedByTier: (r.decided_by_tier as Tier | null) ?? null,
    decisionReason: (r.decision_reason as string | null) ?? null,
    amendmentNumber: r.amendment_number === null ? null : Number(r.amendment_number),
    version: Number(r.version),
  });

const nowOf = (now?: string): string => canonicalInstant(now ?? new Date().toISOString());

export function expandStatuses(statuses: readonly ChangeStatusFilter[]): ChangeStatus[] {
  return [...new Set(statuses.flatMap((s) => (s === 'pending' ? PENDING_CHANGE_STATUSES : [s])))];
}

export async function changeById(source: ReadModelSource, changeId: string, now?: string): Promise<ChangeView | null> {
  const row = await source.table('rm_changes').where('t.change_id = :changeId', { changeId }).getOne();
  return row ? toChange(nowOf(now))(row) : null;
}

/** Changes by status (or all pending), awaiting tier, level, overdue review, partnership or contract, within the caller's scope; oldest request first. */
export async function listChanges(source: ReadModelSource, filter: ChangeFilter, page: PageRequest, scope?: PartnershipScope): Promise<Page<ChangeView>> {
  const now = nowOf(filter.now);
  const qb = restrictToScope(source.table('rm_changes'), scope);
  if (filter.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: expandStatuses(filter.statuses) });
  if (filter.tier !== undefined) qb.andWhere('t.awaiting_tier = :tier', { tier: filter.tier });
  if (filter.level !== undefined) qb.andWhere('t.level = :level', { level: filter.level });
  if (filter.overdue === true) qb.andWhere("t.status = 'in-review' AND t.respond_by <= :now", { now });
  if (filter.overdue === false) qb.andWhere("(t.status <> 'in-review' OR t.respond_by IS NULL OR t.respond_by > :now)", { now });
  if (filter.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.contractId !== undefined) qb.andWhere('t.contract_id = :contractId', { contractId: filter.contractId });
  return paginate(
    qb,
    [
      { column: 't.requested_at', field: 'requested_at', direction: 'ASC' },
      { column: 't.change_id', field: 'change_id', direction: 'ASC' },
    ],
    page,
    toChange(now),
  );
}

/** `GET /changes/{id}`. */
export class ChangeQuery extends Query<ChangeView | null> {
  constructor(
    readonly changeId: string,
    readonly now?: string,
  ) {
    super();
  }
}

/** `GET /changes` (and `GET /reports/pending-changes`), within the caller's scope. */
export class ListChangesQuery extends Query<Page<ChangeView>> {
  constructor(
    readonly filter: ChangeFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(ChangeQuery)
export class ChangeHandler implements IQueryHandler<ChangeQuery, ChangeView | null> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ changeId, now }: ChangeQuery): Promise<ChangeView | null> {
    return changeById(this.source, changeId, now);
  }
}

@QueryHandler(ListChangesQuery)
export class ListChangesHandler implements IQueryHandler<ListChangesQuery, Page<ChangeView>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListChangesQuery): Promise<Page<ChangeView>> {
    return listChanges(this.source, filter, page, partnershipScope);
  }
}

export const CHANGES_QUERY_HANDLERS = [ChangeHandler, ListChangesHandler];
