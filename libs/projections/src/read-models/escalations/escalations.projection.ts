import { ContractDrafted, EscalationEscalated, EscalationRaised, EscalationResolved } from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant } from '../contract-state/contract-view';
import { stableJson } from '../contract-state/stable-json';

export const ESCALATIONS_TABLE: ReadModelTable = {
  name: 'rm_escalations',
  columns: [
    { name: 'escalation_id', kind: 'text' },
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'subject', kind: 'text' },
    { name: 'relates_to_kind', kind: 'text', nullable: true },
    { name: 'relates_to_id', kind: 'text', nullable: true },
    { name: 'raised_by', kind: 'text', nullable: true },
    { name: 'raised_at', kind: 'text' },
    { name: 'level', kind: 'integer' },
    { name: 'tier', kind: 'text' },
    { name: 'due_at', kind: 'text' },
    { name: 'status', kind: 'text' },
    /** Every move up the ladder: [{ fromLevel, toLevel, tier, dueAt, at, automatic, reason }]. */
    { name: 'history', kind: 'json' },
    { name: 'resolved_at', kind: 'text', nullable: true },
    { name: 'resolved_by', kind: 'text', nullable: true },
    { name: 'resolution', kind: 'text', nullable: true },
    { name: 'resolved_within_deadline', kind: 'boolean', nullable: true },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['escalation_id'],
  indexes: [{ columns: ['status', 'due_at'] }, { columns: ['contract_id'] }, { columns: ['partnership_id'] }],
};

/** This projection's own contract → partnership map (written at drafting; later events name only the contract). */
export const ESCALATION_CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_escalation_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
  ],
  primaryKey: ['contract_id'],
};

export interface LevelMove {
  fromLevel: number;
  toLevel: number;
  tier: string;
  dueAt: string;
  /** When it moved (occurredAt): the missed deadline itself for an automatic move. */
  at: string;
  automatic: boolean;
  reason: string;
}

type Gen = Generator<SqlOp, void, unknown>;

function* raised(sql: SqlOps, e: ProjectedEvent<EscalationRaised['data']>): Gen {
  const d = e.data;
  const contract = yield* sql.get<{ partnership_id: string }>('SELECT partnership_id FROM {rm_escalation_contracts} WHERE contract_id = ?', [d.contractId]);
  if (!contract) return;
  yield* sql.run(
    `INSERT INTO {rm_escalations} (escalation_id, contract_id, partnership_id, subject, relates_to_kind, relates_to_id, raised_by, raised_at, level, tier,
      due_at, status, history, resolved_at, resolved_by, resolution, resolved_within_deadline, version, last_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '[]', NULL, NULL, NULL, NULL, ?, ?) ON CONFLICT (escalation_id) DO NOTHING`,
    [
      d.escalationId,
      d.contractId,
      contract.partnership_id,
      d.subject,
      d.relatesTo?.kind ?? null,
      d.relatesTo?.id ?? null,
      e.envelope.metadata.actorId ?? null,
      canonicalInstant(e.occurredAt),
      d.level,
      d.tier,
      canonicalInstant(d.dueAt),
      e.version,
      e.position,
    ],
  );
}

function* escalated(sql: SqlOps, e: ProjectedEvent<EscalationEscalated['data']>): Gen {
  const d = e.data;
  const row = yield* sql.get<{ history: string; last_position: number }>('SELECT history, last_position FROM {rm_escalations} WHERE escalation_id = ? AND contract_id = ?', [
    d.escalationId,
    d.contractId,
  ]);
  if (!row || row.last_position >= e.position) return;
  const dueAt = canonicalInstant(d.dueAt);
  const move: LevelMove = { fromLevel: d.fromLevel, toLevel: d.toLevel, tier: d.tier, dueAt, at: canonicalInstant(e.occurredAt), automatic: d.automatic, reason: d.reason };
  yield* sql.run('UPDATE {rm_escalations} SET level = ?, tier = ?, due_at = ?, history = ?, version = ?, last_position = ? WHERE escalation_id = ? AND contract_id = ?', [
    d.toLevel,
    d.tier,
    dueAt,
    stableJson([...(JSON.parse(row.history) as LevelMove[]), move]),
    e.version,
    e.position,
    d.escalationId,
    d.contractId,
  ]);
}

function* resolved(sql: SqlOps, e: ProjectedEvent<EscalationResolved['data']>): Gen {
  const d = e.data;
  yield* sql.run(
    `UPDATE {rm_escalations} SET status = 'resolved', resolved_at = ?, resolved_by = ?, resolution = ?, resolved_within_deadline = ?, version = ?, last_position = ?
     WHERE escalation_id = ? AND contract_id = ? AND last_position < ?`,
    [canonicalInstant(e.occurredAt), e.envelope.metadata.actorId ?? null, d.resolution, d.withinDeadline, e.version, e.position, d.escalationId, d.contractId, e.position],
  );
}

/**
 * Escalations for committees: open or resolved, the current level and the tier owning it, the
 * response deadline of that level, every move up the ladder. "Overdue" (open, deadline passed) is
 * asked at query time against `now`.
 */
export const escalationsProjection: Projection = {
  name: 'escalations',
  version: 1,
  handles: ['ContractDrafted', 'EscalationRaised', 'EscalationEscalated', 'EscalationResolved'],
  tables: [ESCALATIONS_TABLE, ESCALATION_CONTRACTS_TABLE],
  *apply(event, sql) {
    switch (event.type) {
      case 'ContractDrafted': {
        const d = event.data as ContractDrafted['data'];
        return yield* sql.run('INSERT INTO {rm_escalation_contracts} (contract_id, partnership_id) VALUES (?, ?) ON CONFLICT (contract_id) DO NOTHING', [d.contractId, d.partnershipId]);
      }
      case 'EscalationRaised':
        return yield* raised(sql, event as ProjectedEvent<EscalationRaised['data']>);
      case 'EscalationEscalated':
        return yield* escalated(sql, event as ProjectedEvent<EscalationEscalated['data']>);
      case 'EscalationResolved':
        return yield* resolved(sql, event as ProjectedEvent<EscalationResolved['data']>);
      default:
        return;
    }
  },
};
