import {
  ChangeApproved,
  ChangeLevel,
  ChangeReferredToMediation,
  ChangeRejected,
  ChangeRequested,
  ChangeState,
  ChangeStatus,
  CollaborativeReviewConcluded,
  CollaborativeReviewOpened,
  ContractAmended,
  ContractDrafted,
  decidingTier,
  Tier,
} from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import type { ReadModelTable } from '../../framework/table';
import { canonicalInstant } from '../contract-state/contract-view';
import { stableJson } from '../contract-state/stable-json';

/** A change still waiting for a decision, whatever its pathway (3-2-1): discussion first, mediation if that fails. */
export const PENDING_CHANGE_STATUSES: readonly ChangeStatus[] = ['requested', 'in-review', 'review-agreed', 'review-failed', 'in-mediation'];

export const CHANGES_TABLE: ReadModelTable = {
  name: 'rm_changes',
  columns: [
    { name: 'change_id', kind: 'text' },
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'title', kind: 'text' },
    { name: 'rationale', kind: 'text' },
    { name: 'proposed_level', kind: 'text' },
    { name: 'level', kind: 'text' },
    { name: 'level_reasons', kind: 'json' },
    { name: 'status', kind: 'text' },
    /** The tier whose decision the change waits for (the domain's decidingTier); null once decided. */
    { name: 'awaiting_tier', kind: 'text', nullable: true },
    { name: 'review_required', kind: 'boolean' },
    { name: 'respond_by', kind: 'text', nullable: true },
    /** consensus, no-consensus, or overdue (the deadline passed without a conclusion). */
    { name: 'review_outcome', kind: 'text', nullable: true },
    { name: 'review_summary', kind: 'text', nullable: true },
    { name: 'cost_impact_amount', kind: 'text' },
    { name: 'cost_impact_currency', kind: 'text' },
    { name: 'cost_impact_percent', kind: 'text', nullable: true },
    { name: 'base_terms_version', kind: 'integer' },
    /** The term paths the change would rewrite (JSON Pointers of its diff). */
    { name: 'changed_terms', kind: 'json' },
    { name: 'requested_at', kind: 'text' },
    { name: 'requested_by', kind: 'text', nullable: true },
    { name: 'mediator', kind: 'text', nullable: true },
    { name: 'decided_at', kind: 'text', nullable: true },
    { name: 'decided_by', kind: 'text', nullable: true },
    { name: 'decided_by_tier', kind: 'text', nullable: true },
    { name: 'decision_reason', kind: 'text', nullable: true },
    { name: 'amendment_number', kind: 'integer', nullable: true },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['change_id'],
  indexes: [{ columns: ['status'] }, { columns: ['awaiting_tier'] }, { columns: ['contract_id'] }, { columns: ['partnership_id'] }],
};

export const CHANGE_CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_change_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
  ],
  primaryKey: ['contract_id'],
};

type Gen = Generator<SqlOp, void, unknown>;
type ChangeEventData = { contractId: string; changeId: string };

/** Who decides a change in this status: the domain's rule while it is pending, nobody once decided. */
export function awaitingTier(status: ChangeStatus, level: ChangeLevel): Tier | null {
  return PENDING_CHANGE_STATUSES.includes(status) ? decidingTier({ status, level } as ChangeState) : null;
}

function* requested(sql: SqlOps, e: ProjectedEvent<ChangeRequested['data']>): Gen {
  const d = e.data;
  const contract = yield* sql.get<{ partnership_id: string }>('SELECT partnership_id FROM {rm_change_contracts} WHERE contract_id = ?', [d.contractId]);
  if (!contract) return;
  yield* sql.run(
    `INSERT INTO {rm_changes} (change_id, contract_id, partnership_id, title, rationale, proposed_level, level, level_reasons, status, awaiting_tier,
      review_required, respond_by, review_outcome, review_summary, cost_impact_amount, cost_impact_currency, cost_impact_percent, base_terms_version,
      changed_terms, requested_at, requested_by, mediator, decided_at, decided_by, decided_by_tier, decision_reason, amendment_number, version, last_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, 0, NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?)
     ON CONFLICT (change_id) DO NOTHING`,
    [
      d.changeId,
      d.contractId,
      contract.partnership_id,
      d.title,
      d.rationale,
      d.proposedLevel,
      d.level,
      stableJson(d.levelReasons),
      awaitingTier('requested', d.level),
      d.costImpact.amount,
      d.costImpact.currency,
      d.costImpactPercent,
      d.baseTermsVersion,
      stableJson(d.diff.map((c) => c.path)),
      canonicalInstant(e.occurredAt),
      e.envelope.metadata.actorId ?? null,
      e.version,
      e.position,
    ],
  );
}

/**
 * A change moves to `status`: the tier it waits for is recomputed from its level by the domain's rule
 * (mediation hands it to the executive sponsors); `decided` also records who decided and at which tier.
 */
function* moved(sql: SqlOps, e: ProjectedEvent, status: ChangeStatus, sets: string, params: readonly unknown[], decided?: { tier: Tier | 'awaited' }): Gen {
  const d = e.data as ChangeEventData;
  const row = yield* sql.get<{ level: ChangeLevel; awaiting_tier: Tier | null; last_position: number }>(
    'SELECT level, awaiting_tier, last_position FROM {rm_changes} WHERE change_id = ? AND contract_id = ?',
    [d.changeId, d.contractId],
  );
  if (!row || row.last_position >= e.position) return;
  const decision = decided
    ? { sets: ', decided_at = ?, decided_by = ?, decided_by_tier = ?', params: [canonicalInstant(e.occurredAt), e.envelope.metadata.actorId ?? null, decided.tier === 'awaited' ? row.awaiting_tier : decided.tier] }
    : { sets: '', params: [] };
  yield* sql.run(
    `UPDATE {rm_changes} SET status = ?, awaiting_tier = ?${sets ? `, ${sets}` : ''}${decision.sets}, version = ?, last_position = ? WHERE change_id = ? AND contract_id = ?`,
    [status, awaitingTier(status, row.level), ...params, ...decision.params, e.version, e.position, d.changeId, d.contractId],
  );
}

/**
 * Changes for committees (3-2-1): level and why, status along the pathway, the tier whose decision
 * it awaits, the collaborative review and its deadline, the cost impact, the decision and the
 * amendment it became. "Overdue" (review open past its deadline) is asked at query time against `now`.
 */
export const changesProjection: Projection = {
  name: 'changes',
  version: 1,
  handles: [
    'ContractDrafted',
    'ChangeRequested',
    'CollaborativeReviewOpened',
    'CollaborativeReviewConcluded',
    'CollaborativeReviewOverdue',
    'ChangeReferredToMediation',
    'ChangeApproved',
    'ChangeRejected',
    'ContractAmended',
  ],
  tables: [CHANGES_TABLE, CHANGE_CONTRACTS_TABLE],
  *apply(event, sql) {
    switch (event.type) {
      case 'ContractDrafted': {
        const d = event.data as ContractDrafted['data'];
        return yield* sql.run('INSERT INTO {rm_change_contracts} (contract_id, partnership_id) VALUES (?, ?) ON CONFLICT (contract_id) DO NOTHING', [d.contractId, d.partnershipId]);
      }
      case 'ChangeRequested':
        return yield* requested(sql, event as ProjectedEvent<ChangeRequested['data']>);
      case 'CollaborativeReviewOpened':
        return yield* moved(sql, event, 'in-review', 'review_required = 1, respond_by = ?', [canonicalInstant((event.data as CollaborativeReviewOpened['data']).respondBy)]);
      case 'CollaborativeReviewConcluded': {
        const d = event.data as CollaborativeReviewConcluded['data'];
        return yield* moved(sql, event, d.outcome === 'consensus' ? 'review-agreed' : 'review-failed', 'review_outcome = ?, review_summary = ?', [d.outcome, d.summary]);
      }
      case 'CollaborativeReviewOverdue':
        return yield* moved(sql, event, 'review-failed', "review_outcome = 'overdue'", []);
      case 'ChangeReferredToMediation': {
        const d = event.data as ChangeReferredToMediation['data'];
        return yield* moved(sql, event, 'in-mediation', 'mediator = ?', [d.mediator ?? null]);
      }
      case 'ChangeApproved':
        return yield* moved(sql, event, 'approved', '', [], { tier: (event.data as ChangeApproved['data']).tier });
      case 'ChangeRejected':
        return yield* moved(sql, event, 'rejected', 'decision_reason = ?', [(event.data as ChangeRejected['data']).reason], { tier: 'awaited' });
      case 'ContractAmended': {
        const d = event.data as ContractAmended['data'];
        return yield* sql.run('UPDATE {rm_changes} SET amendment_number = ?, version = ?, last_position = ? WHERE change_id = ? AND contract_id = ? AND last_position < ?', [
          d.amendmentNumber,
          event.version,
          event.position,
          d.changeId,
          d.contractId,
          event.position,
        ]);
      }
      default:
        return;
    }
  },
};
