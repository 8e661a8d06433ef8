import type { ReadModelTable } from '../../framework/table';

/** One row per partnership, at the head of its stream (`version` is the ETag). */
export const PARTNERSHIPS_TABLE: ReadModelTable = {
  name: 'rm_partnerships',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'name', kind: 'text' },
    { name: 'stage', kind: 'text' },
    { name: 'parties', kind: 'json' },
    /** `,acme,globex,`: the party filter matches `,<id>,` exactly (see partnerships.queries.ts). */
    { name: 'party_ids', kind: 'text' },
    { name: 'charter_version', kind: 'integer', nullable: true },
    { name: 'charter_tiers', kind: 'json', nullable: true },
    { name: 'business_review_cadence_days', kind: 'integer', nullable: true },
    { name: 'business_reviews', kind: 'integer' },
    { name: 'last_business_review_at', kind: 'text', nullable: true },
    { name: 'formed_at', kind: 'text' },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
    /** When the engine recorded the last event applied (never the projector's clock). */
    { name: 'updated_at', kind: 'text' },
  ],
  primaryKey: ['partnership_id'],
  indexes: [{ columns: ['stage'] }, { columns: ['name'] }],
};

/**
 * Every governance seat ever held. As in the domain, a person holds one seat at a time and a
 * re-appointment after a removal is a new seat: the key includes the position of the appointing event,
 * so the old seat (with its `seated_until`) stays next to the new one. Seats are half-open
 * [seated_from, seated_until).
 */
export const PARTNERSHIP_MEMBERS_TABLE: ReadModelTable = {
  name: 'rm_partnership_members',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'person_id', kind: 'text' },
    { name: 'appointed_position', kind: 'bigint' },
    { name: 'name', kind: 'text' },
    { name: 'party_id', kind: 'text' },
    { name: 'tier', kind: 'text' },
    { name: 'seated_from', kind: 'text' },
    { name: 'seated_until', kind: 'text', nullable: true },
    /** 1 while no removal is recorded for the seat (whatever the dates say; "seated now" is a query). */
    { name: 'active', kind: 'boolean' },
    { name: 'removal_reason', kind: 'text', nullable: true },
    { name: 'removed_position', kind: 'bigint', nullable: true },
  ],
  primaryKey: ['partnership_id', 'person_id', 'appointed_position'],
  indexes: [{ columns: ['partnership_id', 'active'] }],
};
