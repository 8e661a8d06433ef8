import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Money, money, MoneyOps, percentString } from '@covenant/domain';
import type { SelectQueryBuilder } from 'typeorm';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';

export interface SlaComplianceItem {
  contractId: string;
  partnershipId: string;
  slaId: string;
  slaName: string;
  metric: string;
  unit: string;
  target: string;
  comparison: string;
  termsVersion: number;
  period: string;
  measurements: number;
  met: number;
  breached: number;
  excluded: number;
  breaches: number;
  reportedBreaches: number;
  /** met / (met + breached) × 100, two decimals, rounded half up; null when no measurement counted. */
  compliancePercent: string | null;
  creditsAccrued: string;
  creditsWaived: string;
  currency: string;
}

/** Credits of the whole filtered list (every page), per currency. */
export interface CreditTotal {
  currency: string;
  accrued: string;
  waived: string;
  /** Accrued minus waived: what is still owed. */
  net: string;
}

export interface SlaComplianceFilter {
  partnershipId?: string;
  contractId?: string;
  slaId?: string;
  /** Periods `YYYY-MM`, inclusive. */
  from?: string;
  to?: string;
  /** true: months under 100 % or with any breach; false: months with neither. */
  belowTarget?: boolean;
}

export interface SlaCompliancePage extends Page<SlaComplianceItem> {
  totals: CreditTotal[];
}

export interface ContractSlaCompliance extends SlaCompliancePage {
  contractId: string;
  partnershipId: string;
  /** Stream version of the last event that changed this contract's SLA figures (the ETag). */
  version: number;
}

type Row = Record<string, unknown>;

const amount = (value: unknown, currency: string): string => money(String(value), currency).amount;

export function compliancePercent(met: number, breached: number): string | null {
  return met + breached === 0 ? null : percentString(BigInt(met), BigInt(met + breached), 2);
}

const toItem = (r: Row): SlaComplianceItem => {
  const currency = r.currency as string;
  const met = Number(r.met);
  const breached = Number(r.breached);
  return {
    contractId: r.contract_id as string,
    partnershipId: r.partnership_id as string,
    slaId: r.sla_id as string,
    slaName: r.sla_name as string,
    metric: r.metric as string,
    unit: r.unit as string,
    target: r.target as string,
    comparison: r.comparison as string,
    termsVersion: Number(r.terms_version),
    period: r.period as string,
    measurements: Number(r.measurements),
    met,
    breached,
    excluded: Number(r.excluded),
    breaches: Number(r.breaches),
    reportedBreaches: Number(r.reported_breaches),
    compliancePercent: compliancePercent(met, breached),
    creditsAccrued: amount(r.credits_accrued, currency),
    creditsWaived: amount(r.credits_waived, currency),
    currency,
  };
};

/** The rows of the report and of its totals alike, so no figure reaches outside the scope. */
function filtered(source: ReadModelSource, f: SlaComplianceFilter, scope: PartnershipScope): SelectQueryBuilder<Row> {
  const qb = restrictToScope(source.table('rm_sla_compliance').where('1 = 1'), scope);
  if (f.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: f.partnershipId });
  if (f.contractId !== undefined) qb.andWhere('t.contract_id = :contractId', { contractId: f.contractId });
  if (f.slaId !== undefined) qb.andWhere('t.sla_id = :slaId', { slaId: f.slaId });
  if (f.from !== undefined) qb.andWhere('t.period >= :from', { from: f.from });
  if (f.to !== undefined) qb.andWhere('t.period <= :to', { to: f.to });
  // A breached measurement always comes with its SlaBreached; `breached` is checked too for clarity.
  if (f.belowTarget === true) qb.andWhere('(t.breaches > 0 OR t.breached > 0)');
  if (f.belowTarget === false) qb.andWhere('t.breaches = 0 AND t.breached = 0');
  return qb;
}

/** Sums the credits of every row the filter keeps, exactly (decimal strings, never floats). */
async function creditTotals(source: ReadModelSource, f: SlaComplianceFilter, scope: PartnershipScope): Promise<CreditTotal[]> {
  const rows = await filtered(source, f, scope)
    .andWhere("t.credits_accrued <> '0'")
    .select('t.currency', 'currency')
    .addSelect('t.credits_accrued', 'accrued')
    .addSelect('t.credits_waived', 'waived')
    .getRawMany<{ currency: string; accrued: string; waived: string }>();
  const sums = new Map<string, { accrued: Money; waived: Money }>();
  for (const r of rows) {
    const s = sums.get(r.currency) ?? { accrued: MoneyOps.zero(r.currency), waived: MoneyOps.zero(r.currency) };
    sums.set(r.currency, { accrued: MoneyOps.add(s.accrued, money(r.accrued, r.currency)), waived: MoneyOps.add(s.waived, money(r.waived, r.currency)) });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, s]) => ({ currency, accrued: s.accrued.amount, waived: s.waived.amount, net: MoneyOps.subtract(s.accrued, s.waived).amount }));
}

/**
 * Months of SLA compliance, the latest month first (then by contract and SLA), with the credit totals
 * of the whole filtered list.
 */
export async function slaComplianceReport(source: ReadModelSource, filter: SlaComplianceFilter, page: PageRequest, scope?: PartnershipScope): Promise<SlaCompliancePage> {
  const list = await paginate(
    filtered(source, filter, scope),
    [
      { column: 't.period', field: 'period', direction: 'DESC' },
      { column: 't.contract_id', field: 'contract_id', direction: 'ASC' },
      { column: 't.sla_id', field: 'sla_id', direction: 'ASC' },
    ],
    page,
    toItem,
  );
  return { ...list, totals: await creditTotals(source, filter, scope) };
}

/** One contract's SLA compliance by month; null when the projection has never seen the contract. */
export async function contractSlaCompliance(
  source: ReadModelSource,
  contractId: string,
  filter: Omit<SlaComplianceFilter, 'contractId' | 'partnershipId'>,
  page: PageRequest,
): Promise<ContractSlaCompliance | null> {
  const contract = await source.table('rm_sla_contracts').where('t.contract_id = :contractId', { contractId }).getOne();
  if (!contract) return null;
  const latest = await source
    .table('rm_sla_compliance')
    .select('MAX(t.version)', 'version')
    .where('t.contract_id = :contractId', { contractId })
    .getRawOne<{ version: number | string | null }>();
  // The route names its contract, whose partnership the guard has already checked: no list scope here.
  const report = await slaComplianceReport(source, { ...filter, contractId }, page, undefined);
  return {
    contractId,
    partnershipId: contract.partnership_id as string,
    version: Math.max(Number(contract.version), Number(latest?.version ?? 0)),
    ...report,
  };
}

/** `GET /reports/sla-compliance`: months of SLA compliance across the contracts of the caller's scope, with credit totals. */
export class SlaComplianceReportQuery extends Query<SlaCompliancePage> {
  constructor(
    readonly filter: SlaComplianceFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

/** `GET /contracts/{id}/sla-compliance`: one contract's months; null for a contract never drafted. */
export class ContractSlaComplianceQuery extends Query<ContractSlaCompliance | null> {
  constructor(
    readonly contractId: string,
    readonly filter: Omit<SlaComplianceFilter, 'contractId' | 'partnershipId'>,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(SlaComplianceReportQuery)
export class SlaComplianceReportHandler implements IQueryHandler<SlaComplianceReportQuery, SlaCompliancePage> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: SlaComplianceReportQuery): Promise<SlaCompliancePage> {
    return slaComplianceReport(this.source, filter, page, partnershipScope);
  }
}

@QueryHandler(ContractSlaComplianceQuery)
export class ContractSlaComplianceHandler implements IQueryHandler<ContractSlaComplianceQuery, ContractSlaCompliance | null> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ contractId, filter, page }: ContractSlaComplianceQuery): Promise<ContractSlaCompliance | null> {
    return contractSlaCompliance(this.source, contractId, filter, page);
  }
}

export const SLA_COMPLIANCE_QUERY_HANDLERS = [SlaComplianceReportHandler, ContractSlaComplianceHandler];
