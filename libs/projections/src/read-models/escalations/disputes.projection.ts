import { ContractDrafted, DisputeAdvanced, DisputeOpened, DisputeResolved, MediationScheduled } from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant } from '../contract-state/contract-view';
import { stableJson } from '../contract-state/stable-json';

export const DISPUTES_TABLE: ReadModelTable = {
  name: 'rm_disputes',
  columns: [
    { name: 'dispute_id', kind: 'text' },
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'subject', kind: 'text' },
    { name: 'step', kind: 'text' },
    { name: 'status', kind: 'text' },
    { name: 'raised_by_party_id', kind: 'text' },
    { name: 'respondent_party_id', kind: 'text' },
    { name: 'raised_by', kind: 'text', nullable: true },
    { name: 'escalation_id', kind: 'text', nullable: true },
    { name: 'formal_notice_at', kind: 'text' },
    { name: 'mediation_due_by', kind: 'text' },
    { name: 'mediation_scheduled_for', kind: 'text', nullable: true },
    { name: 'mediator', kind: 'text', nullable: true },
    /** The recorded fact (MediationSchedulingOverdue); the query also counts a lapse nobody recorded yet. */
    { name: 'mediation_overdue', kind: 'boolean' },
    { name: 'position_papers', kind: 'integer' },
    /** Every step taken up the ladder: [{ fromStep, toStep, at, reason }]. */
    { name: 'steps', kind: 'json' },
    { name: 'opened_at', kind: 'text' },
    { name: 'resolved_at', kind: 'text', nullable: true },
    { name: 'outcome', kind: 'text', nullable: true },
    { name: 'resolution_summary', kind: 'text', nullable: true },
    { name: 'binding', kind: 'boolean', nullable: true },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['dispute_id'],
  indexes: [{ columns: ['status', 'step'] }, { columns: ['contract_id'] }, { columns: ['partnership_id'] }],
};

export const DISPUTE_CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_dispute_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
  ],
  primaryKey: ['contract_id'],
};

export interface StepTaken {
  fromStep: string;
  toStep: string;
  at: string;
  reason: string;
}

type Gen = Generator<SqlOp, void, unknown>;

const WHERE = 'WHERE dispute_id = ? AND contract_id = ? AND last_position < ?';

function* update(sql: SqlOps, e: ProjectedEvent, sets: string, params: readonly unknown[]): Gen {
  const d = e.data as { disputeId: string; contractId: string };
  yield* sql.run(`UPDATE {rm_disputes} SET ${sets}, version = ?, last_position = ? ${WHERE}`, [...params, e.version, e.position, d.disputeId, d.contractId, e.position]);
}

function* opened(sql: SqlOps, e: ProjectedEvent<DisputeOpened['data']>): Gen {
  const d = e.data;
  const contract = yield* sql.get<{ partnership_id: string }>('SELECT partnership_id FROM {rm_dispute_contracts} WHERE contract_id = ?', [d.contractId]);
  if (!contract) return;
  yield* sql.run(
    `INSERT INTO {rm_disputes} (dispute_id, contract_id, partnership_id, subject, step, status, raised_by_party_id, respondent_party_id, raised_by, escalation_id,
      formal_notice_at, mediation_due_by, mediation_scheduled_for, mediator, mediation_overdue, position_papers, steps, opened_at, resolved_at, outcome,
      resolution_summary, binding, version, last_position)
     VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, '[]', ?, NULL, NULL, NULL, NULL, ?, ?) ON CONFLICT (dispute_id) DO NOTHING`,
    [
      d.disputeId,
      d.contractId,
      contract.partnership_id,
      d.subject,
      d.step,
      d.raisedByPartyId,
      d.respondentPartyId,
      e.envelope.metadata.actorId ?? null,
      d.escalationId ?? null,
      canonicalInstant(d.formalNoticeAt),
      canonicalInstant(d.mediationDueBy),
      canonicalInstant(e.occurredAt),
      e.version,
      e.position,
    ],
  );
}

function* advanced(sql: SqlOps, e: ProjectedEvent<DisputeAdvanced['data']>): Gen {
  const d = e.data;
  const row = yield* sql.get<{ steps: string; last_position: number }>('SELECT steps, last_position FROM {rm_disputes} WHERE dispute_id = ? AND contract_id = ?', [d.disputeId, d.contractId]);
  if (!row || row.last_position >= e.position) return;
  const step: StepTaken = { fromStep: d.fromStep, toStep: d.toStep, at: canonicalInstant(e.occurredAt), reason: d.reason };
  yield* update(sql, e, 'step = ?, steps = ?', [d.toStep, stableJson([...(JSON.parse(row.steps) as StepTaken[]), step])]);
}

/**
 * Disputes for mediators and committees: the step of the resolution ladder, who raised it against
 * whom, the formal notice and the mediation deadline it set, the mediation date, position papers, the
 * steps taken and the outcome. Whether mediation is overdue is asked at query time against `now`.
 */
export const disputesProjection: Projection = {
  name: 'disputes',
  version: 1,
  handles: ['ContractDrafted', 'DisputeOpened', 'DisputeAdvanced', 'PositionPaperSubmitted', 'MediationScheduled', 'MediationSchedulingOverdue', 'DisputeResolved'],
  tables: [DISPUTES_TABLE, DISPUTE_CONTRACTS_TABLE],
  *apply(event, sql) {
    switch (event.type) {
      case 'ContractDrafted': {
        const d = event.data as ContractDrafted['data'];
        return yield* sql.run('INSERT INTO {rm_dispute_contracts} (contract_id, partnership_id) VALUES (?, ?) ON CONFLICT (contract_id) DO NOTHING', [d.contractId, d.partnershipId]);
      }
      case 'DisputeOpened':
        return yield* opened(sql, event as ProjectedEvent<DisputeOpened['data']>);
      case 'DisputeAdvanced':
        return yield* advanced(sql, event as ProjectedEvent<DisputeAdvanced['data']>);
      case 'PositionPaperSubmitted':
        return yield* update(sql, event, 'position_papers = position_papers + 1', []);
      case 'MediationScheduled': {
        const d = event.data as MediationScheduled['data'];
        return yield* update(sql, event, 'mediation_scheduled_for = ?, mediator = ?', [canonicalInstant(d.scheduledFor), d.mediator]);
      }
      case 'MediationSchedulingOverdue':
        return yield* update(sql, event, 'mediation_overdue = 1', []);
      case 'DisputeResolved': {
        const d = event.data as DisputeResolved['data'];
        return yield* update(sql, event, "status = 'resolved', resolved_at = ?, outcome = ?, resolution_summary = ?, binding = ?", [
          canonicalInstant(event.occurredAt),
          d.outcome,
          d.summary,
          d.binding,
        ]);
      }
      default:
        return;
    }
  },
};
