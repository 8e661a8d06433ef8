import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { addDays, ContractKind, ContractStatus, ContractTerms, PartyRef, SlaDefinition } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant, ContractSummary, ContractView, SignatureView } from './contract-view';

type Row = Record<string, unknown>;

const SUMMARY_COLUMNS = [
  'contract_id',
  'partnership_id',
  'kind',
  'master_contract_id',
  'title',
  'status',
  'parties',
  'terms_version',
  'slas',
  'effective_from',
  'expires_at',
  'activated_at',
  'ended_at',
  'value_amount',
  'value_currency',
  'auto_renew',
  'signatures',
  'amendments',
  'open_escalations',
  'version',
  'updated_at',
];

export const toContractSummary = (r: Row): ContractSummary => ({
  contractId: r.contract_id as string,
  partnershipId: r.partnership_id as string,
  kind: r.kind as ContractKind,
  masterContractId: (r.master_contract_id as string | null) ?? null,
  title: r.title as string,
  status: r.status as ContractStatus,
  parties: JSON.parse(r.parties as string) as PartyRef[],
  termsVersion: Number(r.terms_version),
  slas: JSON.parse(r.slas as string) as SlaDefinition[],
  effectiveFrom: r.effective_from as string,
  expiresAt: r.expires_at as string,
  activatedAt: (r.activated_at as string | null) ?? null,
  endedAt: (r.ended_at as string | null) ?? null,
  value: { amount: r.value_amount as string, currency: r.value_currency as string },
  autoRenew: Number(r.auto_renew) === 1,
  signatures: JSON.parse(r.signatures as string) as SignatureView[],
  amendments: Number(r.amendments),
  openEscalations: Number(r.open_escalations),
  version: Number(r.version),
  updatedAt: r.updated_at as string,
});

const toContractView = (r: Row): ContractView => ({ ...toContractSummary(r), terms: JSON.parse(r.terms as string) as ContractTerms });

/** One contract's current state, or null when the read model has never seen it. */
export async function contractState(source: ReadModelSource, contractId: string): Promise<ContractView | null> {
  const row = await source.table('rm_contracts').where('t.contract_id = :contractId', { contractId }).getOne();
  return row ? toContractView(row) : null;
}

export interface ContractListFilter {
  statuses?: ContractStatus[];
  partnershipId?: string;
  partyId?: string;
  kind?: ContractKind;
  /** Contracts in force or about to be (signed, active) whose expiry falls in [now, now + N days]. */
  expiringWithinDays?: number;
  hasOpenEscalations?: boolean;
  /** The instant "expiring within" counts from; the query's current time when absent. */
  now?: string;
}

/** Contracts by status, partnership, party, kind, approaching expiry or open escalations, in contract-id order, within the caller's scope. */
export async function listContracts(source: ReadModelSource, filter: ContractListFilter, page: PageRequest, scope?: PartnershipScope): Promise<Page<ContractSummary>> {
  const qb = restrictToScope(source.table('rm_contracts').select(SUMMARY_COLUMNS.map((c) => `t.${c}`)), scope);
  if (filter.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.partnershipId !== undefined) qb.andWhere('t.partnership_id = :partnershipId', { partnershipId: filter.partnershipId });
  if (filter.kind !== undefined) qb.andWhere('t.kind = :kind', { kind: filter.kind });
  if (filter.partyId !== undefined) {
    qb.andWhere('EXISTS (SELECT 1 FROM rm_contract_parties p WHERE p.contract_id = t.contract_id AND p.party_id = :partyId)', { partyId: filter.partyId });
  }
  if (filter.expiringWithinDays !== undefined) {
    const now = canonicalInstant(filter.now ?? new Date().toISOString());
    qb.andWhere("t.status IN ('signed', 'active') AND t.expires_at >= :expiringFrom AND t.expires_at <= :expiringTo", {
      expiringFrom: now,
      expiringTo: addDays(now, filter.expiringWithinDays),
    });
  }
  if (filter.hasOpenEscalations !== undefined) qb.andWhere(filter.hasOpenEscalations ? 't.open_escalations > 0' : 't.open_escalations = 0');
  return paginate(qb, [{ column: 't.contract_id', field: 'contract_id', direction: 'ASC' }], page, toContractSummary);
}

/** `GET /contracts/{id}` (current state, from the read model). */
export class ContractStateQuery extends Query<ContractView | null> {
  constructor(readonly contractId: string) {
    super();
  }
}

/** `GET /contracts`: one page of the contracts in the caller's scope matching the filter. */
export class ListContractsQuery extends Query<Page<ContractSummary>> {
  constructor(
    readonly filter: ContractListFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

@QueryHandler(ContractStateQuery)
export class ContractStateHandler implements IQueryHandler<ContractStateQuery, ContractView | null> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ contractId }: ContractStateQuery): Promise<ContractView | null> {
    return contractState(this.source, contractId);
  }
}

@QueryHandler(ListContractsQuery)
export class ListContractsHandler implements IQueryHandler<ListContractsQuery, Page<ContractSummary>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListContractsQuery): Promise<Page<ContractSummary>> {
    return listContracts(this.source, filter, page, partnershipScope);
  }
}

export const CONTRACT_STATE_QUERY_HANDLERS = [ContractStateHandler, ListContractsHandler];
