import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CharterTier, LifeStage, PartyRef, Tier, tierRank } from '@covenant/domain';
import { Page, PageRequest, paginate } from '../../framework/pagination';
import { PartnershipScope, restrictToScope } from '../../framework/partnership-scope';
import { ReadModelSource } from '../../framework/read-model-source';
import { canonicalInstant } from './instant';

export interface PartnershipSummary {
  partnershipId: string;
  name: string;
  stage: LifeStage;
  parties: PartyRef[];
  formedAt: string;
  charterVersion: number | null;
  version: number;
  updatedAt: string;
}

export interface CharterView {
  version: number;
  tiers: CharterTier[];
  businessReviewCadenceDays: number;
}

export interface MemberView {
  personId: string;
  name: string;
  partyId: string;
  tier: Tier;
  from: string;
  until: string | null;
}

export interface PartnershipDetail extends PartnershipSummary {
  charter: CharterView | null;
  businessReviews: { count: number; lastHeldAt: string | null };
  /** The seats held at `membersAsOf`: taken at or before it and not yet left (seats are [from, until)). */
  members: MemberView[];
  membersAsOf: string;
}

export interface PartnershipFilter {
  stage?: LifeStage;
  partyId?: string;
}

type Row = Record<string, unknown>;

const toSummary = (r: Row): PartnershipSummary => ({
  partnershipId: r.partnership_id as string,
  name: r.name as string,
  stage: r.stage as LifeStage,
  parties: JSON.parse(r.parties as string) as PartyRef[],
  formedAt: r.formed_at as string,
  charterVersion: r.charter_version === null ? null : Number(r.charter_version),
  version: Number(r.version),
  updatedAt: r.updated_at as string,
});

const toMember = (r: Row): MemberView => ({
  personId: r.person_id as string,
  name: r.name as string,
  partyId: r.party_id as string,
  tier: r.tier as Tier,
  from: r.seated_from as string,
  until: (r.seated_until as string | null) ?? null,
});

/**
 * Exact membership of `,<id>,` in a delimited id list. Portable and case-sensitive on both engines,
 * unlike LIKE (case-insensitive on SQLite, and `_` in an id would be a wildcard).
 */
export function containsId(column: string, param: string): string {
  return `REPLACE(${column}, :${param}, '') <> ${column}`;
}

/** Partnerships by name (then id), filtered by life stage and by party, within the caller's scope. */
export async function listPartnerships(source: ReadModelSource, filter: PartnershipFilter, page: PageRequest, scope?: PartnershipScope): Promise<Page<PartnershipSummary>> {
  const qb = restrictToScope(source.table('rm_partnerships'), scope);
  if (filter.stage) qb.andWhere('t.stage = :stage', { stage: filter.stage });
  if (filter.partyId) qb.andWhere(containsId('t.party_ids', 'party'), { party: `,${filter.partyId},` });
  return paginate(
    qb,
    [
      { column: 't.name', field: 'name', direction: 'ASC' },
      { column: 't.partnership_id', field: 'partnership_id', direction: 'ASC' },
    ],
    page,
    toSummary,
  );
}

/** One partnership with its charter and the seats held at `asOf`; undefined when unknown. */
export async function getPartnership(source: ReadModelSource, partnershipId: string, asOf: string): Promise<PartnershipDetail | undefined> {
  const row = await source.table('rm_partnerships').where('t.partnership_id = :id', { id: partnershipId }).getOne();
  if (!row) return undefined;
  const at = canonicalInstant(asOf);
  const seats = await source
    .table('rm_partnership_members')
    .where('t.partnership_id = :id', { id: partnershipId })
    .andWhere('t.seated_from <= :at', { at })
    .andWhere('(t.seated_until IS NULL OR t.seated_until > :at)', { at })
    .orderBy('t.person_id', 'ASC')
    .getMany();
  // Highest tier first (executive sponsors, steering committee, operational team), then by person.
  const members = seats.map(toMember).sort((a, b) => tierRank(b.tier) - tierRank(a.tier));
  return {
    ...toSummary(row),
    charter:
      row.charter_version === null
        ? null
        : { version: Number(row.charter_version), tiers: JSON.parse(row.charter_tiers as string) as CharterTier[], businessReviewCadenceDays: Number(row.business_review_cadence_days) },
    businessReviews: { count: Number(row.business_reviews), lastHeldAt: (row.last_business_review_at as string | null) ?? null },
    members,
    membersAsOf: at,
  };
}

/** `GET /partnerships`: one page of the partnerships in the caller's scope. */
export class ListPartnershipsQuery extends Query<Page<PartnershipSummary>> {
  constructor(
    readonly filter: PartnershipFilter,
    readonly page: PageRequest,
    readonly partnershipScope: PartnershipScope,
  ) {
    super();
  }
}

/** `GET /partnerships/{id}`: undefined when the partnership is unknown. `asOf` defaults to now. */
export class GetPartnershipQuery extends Query<PartnershipDetail | undefined> {
  constructor(
    readonly partnershipId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(ListPartnershipsQuery)
export class ListPartnershipsHandler implements IQueryHandler<ListPartnershipsQuery, Page<PartnershipSummary>> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ filter, page, partnershipScope }: ListPartnershipsQuery): Promise<Page<PartnershipSummary>> {
    return listPartnerships(this.source, filter, page, partnershipScope);
  }
}

@QueryHandler(GetPartnershipQuery)
export class GetPartnershipHandler implements IQueryHandler<GetPartnershipQuery, PartnershipDetail | undefined> {
  constructor(private readonly source: ReadModelSource) {}

  execute({ partnershipId, asOf }: GetPartnershipQuery): Promise<PartnershipDetail | undefined> {
    return getPartnership(this.source, partnershipId, asOf ?? new Date().toISOString());
  }
}

export const PARTNERSHIPS_QUERY_HANDLERS = [ListPartnershipsHandler, GetPartnershipHandler];
