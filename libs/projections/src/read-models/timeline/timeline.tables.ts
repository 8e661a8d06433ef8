import type { ReadModelTable } from '../../framework/table';

/**
 * One row per event of a partnership's life, from its own stream and from every contract drafted in
 * it: what a mediator reads. Every row points at its recorded event (position, event id, stream and
 * version), so each fact can be checked against the log and its proofs.
 */
export const TIMELINE_TABLE: ReadModelTable = {
  name: 'rm_timeline',
  columns: [
    { name: 'position', kind: 'bigint' },
    { name: 'partnership_id', kind: 'text' },
    /** The contract whose stream holds the event; null for the partnership's own events. */
    { name: 'contract_id', kind: 'text', nullable: true },
    /** Another contract the event is about: the master an addendum attaches to or ends with, a linked contract asked to review. */
    { name: 'related_contract_id', kind: 'text', nullable: true },
    { name: 'stream_id', kind: 'text' },
    { name: 'stream_version', kind: 'integer' },
    { name: 'event_id', kind: 'text' },
    { name: 'type', kind: 'text' },
    { name: 'occurred_at', kind: 'text' },
    { name: 'recorded_at', kind: 'text' },
    { name: 'actor_id', kind: 'text', nullable: true },
    { name: 'summary', kind: 'text' },
    /** `,acme,globex,`: the parties the event involves (rule in timeline.projection.ts). */
    { name: 'party_ids', kind: 'text' },
    { name: 'correlation_id', kind: 'text', nullable: true },
    { name: 'causation_id', kind: 'text', nullable: true },
  ],
  primaryKey: ['position'],
  indexes: [{ columns: ['partnership_id', 'occurred_at', 'position'] }],
};

/** The projection's own names of partnerships and their parties (party names for summaries). */
export const TIMELINE_PARTNERSHIPS_TABLE: ReadModelTable = {
  name: 'rm_timeline_partnerships',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'name', kind: 'text' },
    { name: 'parties', kind: 'json' },
  ],
  primaryKey: ['partnership_id'],
};

/** Contract → partnership, its title and parties as they stand (revisions and amendments applied), its master. */
export const TIMELINE_CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_timeline_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'title', kind: 'text' },
    { name: 'parties', kind: 'json' },
    { name: 'master_contract_id', kind: 'text', nullable: true },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id'],
};

/** People's names as last appointed, for the summaries of their removals. */
export const TIMELINE_PEOPLE_TABLE: ReadModelTable = {
  name: 'rm_timeline_people',
  columns: [
    { name: 'partnership_id', kind: 'text' },
    { name: 'person_id', kind: 'text' },
    { name: 'name', kind: 'text' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['partnership_id', 'person_id'],
};
