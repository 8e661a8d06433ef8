import { ALL_EVENT_TYPES, applyDiff, ContractDrafted, CovenantEvent, Json, JsonChange, PartnershipFormed, PartyRef, summarise, SummaryNames } from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import { stableJson } from '../partnerships/stable-json';
import { TIMELINE_CONTRACTS_TABLE, TIMELINE_PARTNERSHIPS_TABLE, TIMELINE_PEOPLE_TABLE, TIMELINE_TABLE } from './timeline.tables';

type Gen = Generator<SqlOp, void, unknown>;

interface ContractRow {
  partnership_id: string;
  title: string;
  parties: string;
  last_position: number;
}

interface Placement {
  partnershipId: string;
  contractId: string | null;
  relatedContractId: string | null;
  /** Every party of the contract (or of the partnership, for its own events). */
  parties: PartyRef[];
  names: SummaryNames;
}

/**
 * Which parties an event involves, for the party filter. An event that names parties in its payload
 * involves those: the party that signed, both sides of a dispute, the party that submitted a position
 * paper, the party a governance member sits for. Any other event (an SLA breach, an escalation, an
 * amendment, a renewal, a charter, a review) concerns the whole relationship: every party of its
 * contract as the contract stands, or every party of the partnership for the partnership's own events.
 */
export function involvedParties(event: ProjectedEvent, all: readonly PartyRef[]): string[] {
  const d = event.data as Record<string, string>;
  switch (event.type) {
    case 'ContractSigned':
    case 'PositionPaperSubmitted':
    case 'GovernanceMemberAppointed':
    case 'GovernanceMemberRemoved':
      return [d.partyId];
    case 'DisputeOpened':
      return [d.raisedByPartyId, d.respondentPartyId];
    default:
      return all.map((p) => p.partyId);
  }
}

const delimited = (ids: readonly string[]): string => `,${[...new Set(ids)].join(',')},`;

const namesOf = (parties: readonly PartyRef[], titles: ReadonlyMap<string, string>, people: ReadonlyMap<string, string> = new Map()): SummaryNames => ({
  party: (id) => parties.find((p) => p.partyId === id)?.name,
  contract: (id) => titles.get(id),
  person: (id) => people.get(id),
});

function* record(sql: SqlOps, e: ProjectedEvent, at: Placement): Gen {
  const m = e.envelope.metadata;
  const summary = summarise({ type: e.type, schemaVersion: e.envelope.schemaVersion, data: e.data, occurredAt: e.occurredAt } as CovenantEvent, at.names);
  yield* sql.run(
    `INSERT INTO {rm_timeline} (position, partnership_id, contract_id, related_contract_id, stream_id, stream_version, event_id, type, occurred_at,
      recorded_at, actor_id, summary, party_ids, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (position) DO NOTHING`,
    [
      e.position,
      at.partnershipId,
      at.contractId,
      at.relatedContractId,
      e.streamId,
      e.version,
      e.id,
      e.type,
      e.occurredAt,
      e.recordedAt,
      m.actorId ?? null,
      summary,
      delimited(involvedParties(e, at.parties)),
      m.correlationId ?? null,
      m.causationId ?? null,
    ],
  );
}

function* partnershipEvent(sql: SqlOps, e: ProjectedEvent): Gen {
  const d = e.data as { partnershipId: string; personId?: string; name?: string };
  let parties: PartyRef[];
  const people = new Map<string, string>();
  if (e.type === 'PartnershipFormed') {
    const f = e.data as PartnershipFormed['data'];
    parties = f.parties;
    yield* sql.run('INSERT INTO {rm_timeline_partnerships} (partnership_id, name, parties) VALUES (?, ?, ?) ON CONFLICT (partnership_id) DO NOTHING', [
      f.partnershipId,
      f.name,
      stableJson(f.parties),
    ]);
  } else {
    const p = yield* sql.get<{ parties: string }>('SELECT parties FROM {rm_timeline_partnerships} WHERE partnership_id = ?', [d.partnershipId]);
    if (!p) return;
    parties = JSON.parse(p.parties) as PartyRef[];
  }
  if (e.type === 'GovernanceMemberAppointed' && d.personId && d.name) {
    yield* sql.run(
      `INSERT INTO {rm_timeline_people} (partnership_id, person_id, name, last_position) VALUES (?, ?, ?, ?)
       ON CONFLICT (partnership_id, person_id) DO UPDATE SET name = excluded.name, last_position = excluded.last_position
       WHERE {rm_timeline_people}.last_position < excluded.last_position`,
      [d.partnershipId, d.personId, d.name, e.position],
    );
  }
  if (e.type === 'GovernanceMemberRemoved' && d.personId) {
    const person = yield* sql.get<{ name: string }>('SELECT name FROM {rm_timeline_people} WHERE partnership_id = ? AND person_id = ?', [d.partnershipId, d.personId]);
    if (person) people.set(d.personId, person.name);
  }
  yield* record(sql, e, { partnershipId: d.partnershipId, contractId: null, relatedContractId: null, parties, names: namesOf(parties, new Map(), people) });
}

/** Revisions and amendments may retitle a contract or change its parties: later summaries follow. */
function* retitle(sql: SqlOps, e: ProjectedEvent, contractId: string, row: ContractRow, diff: readonly JsonChange[]): Gen {
  const relevant = diff.filter((c) => c.path === '/title' || c.path.startsWith('/parties'));
  if (relevant.length === 0 || row.last_position >= e.position) return;
  const next = applyDiff({ title: row.title, parties: JSON.parse(row.parties) as Json }, relevant) as unknown as { title: string; parties: PartyRef[] };
  yield* sql.run('UPDATE {rm_timeline_contracts} SET title = ?, parties = ?, last_position = ? WHERE contract_id = ? AND last_position < ?', [
    next.title,
    stableJson(next.parties),
    e.position,
    contractId,
    e.position,
  ]);
}

function* contractEvent(sql: SqlOps, e: ProjectedEvent): Gen {
  const d = e.data as { contractId: string; masterContractId?: string; linkedContractId?: string; diff?: JsonChange[] };
  if (e.type === 'ContractDrafted') {
    const { partnershipId, terms } = e.data as ContractDrafted['data'];
    yield* sql.run(
      'INSERT INTO {rm_timeline_contracts} (contract_id, partnership_id, title, parties, last_position) VALUES (?, ?, ?, ?, ?) ON CONFLICT (contract_id) DO NOTHING',
      [d.contractId, partnershipId, terms.title, stableJson(terms.parties), e.position],
    );
    const titles = new Map([[d.contractId, terms.title]]);
    return yield* record(sql, e, { partnershipId, contractId: d.contractId, relatedContractId: null, parties: terms.parties, names: namesOf(terms.parties, titles) });
  }
  const row = yield* sql.get<ContractRow>('SELECT partnership_id, title, parties, last_position FROM {rm_timeline_contracts} WHERE contract_id = ?', [d.contractId]);
  if (!row) return;
  const parties = JSON.parse(row.parties) as PartyRef[];
  const titles = new Map([[d.contractId, row.title]]);
  // The other contract an event is about; its title is looked up only where the summary names it.
  const related = d.masterContractId ?? d.linkedContractId ?? null;
  if (related !== null && e.type !== 'ContractTerminated') {
    const other = yield* sql.get<{ title: string }>('SELECT title FROM {rm_timeline_contracts} WHERE contract_id = ?', [related]);
    if (other) titles.set(related, other.title);
  }
  yield* record(sql, e, { partnershipId: row.partnership_id, contractId: d.contractId, relatedContractId: related, parties, names: namesOf(parties, titles) });
  if (d.diff && (e.type === 'DraftRevised' || e.type === 'ContractAmended')) yield* retitle(sql, e, d.contractId, row, d.diff);
}

/**
 * The partnership timeline for mediators: every event of the partnership and of every contract drafted
 * in it (addenda included), each with a neutral one-line summary (the domain's `summarise`, with the
 * party, person and contract names this projection keeps in its own tables), its actor, both times,
 * correlation and causation, and the parties it involves. An amendment is summarised under the title
 * the contract had when it was amended; later events use the new title.
 */
export const timelineProjection: Projection = {
  name: 'timeline',
  version: 1,
  handles: ALL_EVENT_TYPES,
  tables: [TIMELINE_TABLE, TIMELINE_PARTNERSHIPS_TABLE, TIMELINE_CONTRACTS_TABLE, TIMELINE_PEOPLE_TABLE],
  *apply(event, sql) {
    if (event.streamId.startsWith('partnership-')) return yield* partnershipEvent(sql, event);
    return yield* contractEvent(sql, event);
  },
};
