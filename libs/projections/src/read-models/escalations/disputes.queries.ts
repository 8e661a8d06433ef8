import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { DisputeOutcome, DisputeStep } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant } from '../contract-state/contract-view';
import type { StepTaken } from './disputes.projection';

export type DisputeStatus = 'open' | 'resolved';

export interface DisputeView {
  disputeId: string;
  contractId: string;
  partnershipId: string;
  subject: string;
  step: DisputeStep;
  status: DisputeStatus;
  raisedByPartyId: string;
  respondentPartyId: string;
  raisedBy: string | null;
  escalationId: string | null;
  formalNoticeAt: string;
  /** Mediation must be held by then (the contract's period after the formal notice). */
  mediationDueBy: string;
  mediationScheduledFor: string | null;
  mediator: string | null;
  /** Recorded as overdue, or at `now` still unscheduled, open, not past mediation, with the deadline passed. */
  mediationOverdue: boolean;
  positionPapers: number;
  steps: StepTaken[];
  openedAt: string;
  resolvedAt: string | null;
  outcome: DisputeOutcome | null;
  resolutionSummary: string | null;
  binding: boolean | null;
  /** Stream version of the last event that changed this dispute. */
  version: number;
}

export interface DisputeFilter {
  status?: DisputeStatus;
  steps?: DisputeStep[];
  mediationOverdue?: boolean;
  partnershipId?: string;
  contractId?: string;
  now?: string;
}

type Row = Record<string, unknown>;

/** The domain's mediationLapsed, or the recorded fact: the ladder before arbitration, no date, the deadline passed. */
const MEDIATION_OVERDUE = "(t.mediation_overdue = 1 OR (t.status = 'open' AND t.mediation_scheduled_for IS NULL AND t.step <> 'arbitration' AND t.mediation_due_by <= :now))";

const lapsed = (r: Row, now: string): boolean =>
  Number(r.mediation_overdue) === 1 || (r.status === 'open' && r.mediation_scheduled_for === null && r.step !== 'arbitration' && (r.mediation_due_by as string) <= now);

const toDispute =
  (now: string) =>
  (r: Row): DisputeView => ({
    disputeId: r.dispute_id as string,
    contractId: r.contract_id as string,
    partnershipId: r.partnership_id as string,
    subject: r.subject as string,
    step: r.step as DisputeStep,
    status: r.status as DisputeStatus,
    raisedByPartyId: r.raised_by_party_id as string,
    respondentPartyId: r.respondent_party_id as string,
    raisedBy: (r.raised_by as string | null) ?? null,
    escalationId: (r.escalation_id as string | null) ?? null,
    formalNoticeAt: r.formal_notice_at as string,
    mediationDueBy: r.mediation_due_by as string,
    mediationScheduledFor: (r.mediation_scheduled_for as string | null) ?? null,
    mediator: (r.mediator as string | null) ?? null,
    mediationOverdue: lapsed(r, now),
    positionPapers: Number(r.position_papers),
    steps: JSON.parse(r.steps as string) as StepTaken[],
    openedAt: r.opened_at as string,
    resolvedAt: (r.resolved_at as string | null) ?? null,
    outcome: (r.outcome as DisputeOutcome | null) ?? null,
    resolutionSummary: (r.resolution_summary as string | null) ?? null,
    binding: r.binding === null ? null : Number(r.binding) === 1,
    version: Number(r.version),
  });

const nowOf = (now?: string): string => canonicalInstant(now ?? new Date().toISOString());

export async function disputeById(source: ReadModelSource, disputeId: string, now?: string): Promise<DisputeView | null> {
  const row = await source.table('rm_disputes').where('t.dispute_id = :disputeId', { disputeId }).getOne();
  return row ? toDispute(nowOf(now))(row) : null;
}

/** Disputes by status, step, overdue mediation at `now`, partnership or contract, within the caller's scope; in the order they were opened. */
export async function listDisputes(source: ReadModelSource, filter: DisputeFilter, page: PageRequest, scope?: PartnershipScope): Promise<Page<DisputeView>> {
  const now = nowOf(filter.now);
  const qb = restrictToScope(source.table('rm_disputes'), scope);
  if (filter.status !== undefined) qb.andWhere('t.status = :status', { status: filter.status });
  if (filter.steps?.length) qb.andWhere('t.step IN (:...steps)', { steps: filter.steps });
  if (filter.mediationOverdue === true) qb.andWhere(MEDIATION_OVERDUE, { now });
  if (filter.mediationOverdue === false) qb.andWhere(`NOT ${MEDIATION_OVERDUE}`, { now });
  if (filter.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.contractId !== undefined) qb.andWhere('t.contract_id = :contractId', { contractId: filter.contractId });
  return paginate(
    qb,
    [
      { column: 't.opened_at', field: 'opened_at', direction: 'ASC' },
      { column: 't.dispute_id', field: 'dispute_id', direction: 'ASC' },
    ],
    page,
    toDispute(now),
  );
}

/** `GET /disputes/{id}`. */
export class DisputeQuery extends Query<DisputeView | null> {
  constructor(
    readonly disputeId: string,
    readonly now?: string,
  ) {
    super();
  }
}

/** `GET /disputes`, within the caller's scope. */
export class ListDisputesQuery extends Query<Page<DisputeView>> {
  constructor(
    readonly filter: DisputeFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(DisputeQuery)
export class DisputeHandler implements IQueryHandler<DisputeQuery, DisputeView | null> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ disputeId, now }: DisputeQuery): Promise<DisputeView | null> {
    return disputeById(this.source, disputeId, now);
  }
}

@QueryHandler(ListDisputesQuery)
export class ListDisputesHandler implements IQueryHandler<ListDisputesQuery, Page<DisputeView>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListDisputesQuery): Promise<Page<DisputeView>> {
    return listDisputes(this.source, filter, page, partnershipScope);
  }
}

export const DISPUTES_QUERY_HANDLERS = [DisputeHandler, ListDisputesHandler];
