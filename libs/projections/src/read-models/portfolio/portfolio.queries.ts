import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CONTRACT_STATUSES, ContractStatus } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';

export const AT_RISK_REASONS = ['open-level-3-escalation', 'failing-sla', 'renewal-decision-overdue', 'renewal-decision-due'] as const;
export type AtRiskReason = (typeof AT_RISK_REASONS)[number];

export interface AtRiskContract {
  contractId: string;
  partnershipId: string;
  title: string;
  kind: string;
  masterContractId: string | null;
  status: ContractStatus;
  reasons: AtRiskReason[];
  openLevel3Escalations: number;
  /** The open escalations at the executive tier. */
  level3EscalationIds: string[];
  failingSlas: number;
  failingSlaIds: string[];
  renewalDecisionDueAt: string | null;
  renewalExpiresAt: string | null;
  version: number;
}

export interface PortfolioFilter {
  partnershipId?: string;
  /** The instant a due renewal decision is judged overdue against (ISO-8601); defaults to the current time. */
  now?: string;
}

export interface PortfolioReport extends Page<AtRiskContract> {
  now: string;
  /** Every contract by status, zero included. */
  counts: Record<ContractStatus, number>;
  total: number;
  /** Contracts at risk across every page. */
  atRiskCount: number;
}

type Row = Record<string, unknown>;

/**
 * At risk: a contract still in force or being drafted (not expired, not closed) with an open
 * escalation at the executive tier, a failing SLA, or a renewal decision that fell due undecided.
 */
const AT_RISK = "t.status NOT IN ('expired', 'closed') AND (t.open_level3_escalations > 0 OR t.failing_slas > 0 OR t.renewal_decision_due = 1)";

/** Every figure of the report (counts, total, at-risk count, the page) comes from this query, so all stay within the scope. */
function base(source: ReadModelSource, f: PortfolioFilter, scope: PartnershipScope) {
  const qb = restrictToScope(source.table('rm_portfolio').where('1 = 1'), scope);
  if (f.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: f.partnershipId });
  return qb;
}

/** A due decision is overdue once its date is strictly past `now`; until then it is due. */
export function reasonsOf(r: Row, now: string): AtRiskReason[] {
  const reasons: AtRiskReason[] = [];
  if (Number(r.open_level3_escalations) > 0) reasons.push('open-level-3-escalation');
  if (Number(r.failing_slas) > 0) reasons.push('failing-sla');
  if (Number(r.renewal_decision_due) === 1) reasons.push(Date.parse(r.decision_due_at as string) < Date.parse(now) ? 'renewal-decision-overdue' : 'renewal-decision-due');
  return reasons;
}

async function idsByContract(source: ReadModelSource, table: string, id: string, where: string, contractIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contractIds.length === 0) return out;
  const rows = await source
    .table(table)
    .where('t.contract_id IN (:...contractIds)', { contractIds })
    .andWhere(where)
    .orderBy('t.contract_id', 'ASC')
    .addOrderBy(`t.${id}`, 'ASC')
    .getMany();
  for (const r of rows) out.set(r.contract_id as string, [...(out.get(r.contract_id as string) ?? []), r[id] as string]);
  return out;
}

/**
 * `GET /reports/portfolio`: contracts by status and one page of the contracts at risk (by contract
 * id), each with its reasons. `now` only decides whether a due renewal decision is overdue.
 */
export async function portfolioReport(source: ReadModelSource, filter: PortfolioFilter, page: PageRequest, scope?: PartnershipScope): Promise<PortfolioReport> {
  const now = new Date(filter.now ?? Date.now()).toISOString();
  const grouped = await base(source, filter, scope).select('t.status', 'status').addSelect('COUNT(*)', 'n').groupBy('t.status').getRawMany<{ status: string; n: number | string }>();
  const counts = Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, 0])) as Record<ContractStatus, number>;
  for (const g of grouped) counts[g.status as ContractStatus] = Number(g.n);
  const atRiskCount = await base(source, filter, scope).andWhere(AT_RISK).getCount();
  const list = await paginate(base(source, filter, scope).andWhere(AT_RISK), [{ column: 't.contract_id', field: 'contract_id', direction: 'ASC' }], page, (r) => r);
  const ids = list.items.map((r) => r.contract_id as string);
  const escalations = await idsByContract(source, 'rm_portfolio_escalations', 'escalation_id', "t.open = 1 AND t.tier = 'executive'", ids);
  const slas = await idsByContract(source, 'rm_portfolio_slas', 'sla_id', 't.breached = 1', ids);
  const items = list.items.map(
    (r): AtRiskContract => ({
      contractId: r.contract_id as string,
      partnershipId: r.partnership_id as string,
      title: r.title as string,
      kind: r.kind as string,
      masterContractId: (r.master_contract_id as string | null) ?? null,
      status: r.status as ContractStatus,
      reasons: reasonsOf(r, now),
      openLevel3Escalations: Number(r.open_level3_escalations),
      level3EscalationIds: escalations.get(r.contract_id as string) ?? [],
      failingSlas: Number(r.failing_slas),
      failingSlaIds: slas.get(r.contract_id as string) ?? [],
      renewalDecisionDueAt: Number(r.renewal_decision_due) === 1 ? (r.decision_due_at as string) : null,
      renewalExpiresAt: Number(r.renewal_decision_due) === 1 ? (r.renewal_expires_at as string) : null,
      version: Number(r.version),
    }),
  );
  return { now, counts, total: Object.values(counts).reduce((a, b) => a + b, 0), atRiskCount, items, nextCursor: list.nextCursor };
}

/** `GET /reports/portfolio`, over the contracts of the caller's scope only. */
export class PortfolioReportQuery extends Query<PortfolioReport> {
  constructor(
    readonly filter: PortfolioFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(PortfolioReportQuery)
export class PortfolioReportHandler implements IQueryHandler<PortfolioReportQuery, PortfolioReport> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: PortfolioReportQuery): Promise<PortfolioReport> {
    return portfolioReport(this.source, filter, page, partnershipScope);
  }
}

export const PORTFOLIO_QUERY_HANDLERS = [PortfolioReportHandler];
