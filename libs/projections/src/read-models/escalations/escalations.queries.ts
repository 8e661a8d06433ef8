import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EscalationSubjectRef, Tier } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant } from '../contract-state/contract-view';
import type { LevelMove } from './escalations.projection';

export type EscalationStatus = 'open' | 'resolved';

export interface EscalationView {
  escalationId: string;
  contractId: string;
  partnershipId: string;
  subject: string;
  relatesTo: EscalationSubjectRef | null;
  raisedBy: string | null;
  raisedAt: string;
  /** The current ladder level and the tier owning it. */
  level: number;
  tier: Tier;
  /** The response deadline of the current level. */
  dueAt: string;
  status: EscalationStatus;
  /** At `now`: still open and its deadline has passed. */
  overdue: boolean;
  history: LevelMove[];
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  resolvedWithinDeadline: boolean | null;
  /** Stream version of the last event that changed this escalation. */
  version: number;
}

export interface EscalationFilter {
  status?: EscalationStatus;
  /** true: open with the deadline passed at `now`; false: the others. */
  overdue?: boolean;
  level?: number;
  tier?: Tier;
  partnershipId?: string;
  contractId?: string;
  now?: string;
}

type Row = Record<string, unknown>;

const toEscalation =
  (now: string) =>
  (r: Row): EscalationView => ({
    escalationId: r.escalation_id as string,
    contractId: r.contract_id as string,
    partnershipId: r.partnership_id as string,
    subject: r.subject as string,
    relatesTo: r.relates_to_kind === null ? null : { kind: r.relates_to_kind as EscalationSubjectRef['kind'], ...(r.relates_to_id === null ? {} : { id: r.relates_to_id as string }) },
    raisedBy: (r.raised_by as string | null) ?? null,
    raisedAt: r.raised_at as string,
    level: Number(r.level),
    tier: r.tier as Tier,
    dueAt: r.due_at as string,
    status: r.status as EscalationStatus,
    overdue: r.status === 'open' && (r.due_at as string) <= now,
    history: JSON.parse(r.history as string) as LevelMove[],
    resolvedAt: (r.resolved_at as string | null) ?? null,
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolution: (r.resolution as string | null) ?? null,
    resolvedWithinDeadline: r.resolved_within_deadline === null ? null : Number(r.resolved_within_deadline) === 1,
    version: Number(r.version),
  });

const nowOf = (now?: string): string => canonicalInstant(now ?? new Date().toISOString());

export async function escalationById(source: ReadModelSource, escalationId: string, now?: string): Promise<EscalationView | null> {
  const row = await source.table('rm_escalations').where('t.escalation_id = :escalationId', { escalationId }).getOne();
  return row ? toEscalation(nowOf(now))(row) : null;
}

/** Escalations by status, overdue at `now`, level, tier, partnership or contract, within the caller's scope; the earliest deadline first. */
export async function listEscalations(source: ReadModelSource, filter: EscalationFilter, page: PageRequest, scope?: PartnershipScope): Promise<Page<EscalationView>> {
  const now = nowOf(filter.now);
  const qb = restrictToScope(source.table('rm_escalations'), scope);
  if (filter.status !== undefined) qb.andWhere('t.status = :status', { status: filter.status });
  if (filter.overdue === true) qb.andWhere("t.status = 'open' AND t.due_at <= :now", { now });
  if (filter.overdue === false) qb.andWhere("(t.status <> 'open' OR t.due_at > :now)", { now });
  if (filter.level !== undefined) qb.andWhere('t.level = :level', { level: filter.level });
  if (filter.tier !== undefined) qb.andWhere('t.tier = :tier', { tier: filter.tier });
  if (filter.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.contractId !== undefined) qb.andWhere('t.contract_id = :contractId', { contractId: filter.contractId });
  return paginate(
    qb,
    [
      { column: 't.due_at', field: 'due_at', direction: 'ASC' },
      { column: 't.escalation_id', field: 'escalation_id', direction: 'ASC' },
    ],
    page,
    toEscalation(now),
  );
}

/** `GET /escalations/{id}`. */
export class EscalationQuery extends Query<EscalationView | null> {
  constructor(
    readonly escalationId: string,
    readonly now?: string,
  ) {
    super();
  }
}

/** `GET /escalations` (and `GET /reports/overdue-escalations`), within the caller's scope. */
export class ListEscalationsQuery extends Query<Page<EscalationView>> {
  constructor(
    readonly filter: EscalationFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(EscalationQuery)
export class EscalationHandler implements IQueryHandler<EscalationQuery, EscalationView | null> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ escalationId, now }: EscalationQuery): Promise<EscalationView | null> {
    return escalationById(this.source, escalationId, now);
  }
}

@QueryHandler(ListEscalationsQuery)
export class ListEscalationsHandler implements IQueryHandler<ListEscalationsQuery, Page<EscalationView>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListEscalationsQuery): Promise<Page<EscalationView>> {
    return listEscalations(this.source, filter, page, partnershipScope);
  }
}

export const ESCALATIONS_QUERY_HANDLERS = [EscalationHandler, ListEscalationsHandler];
