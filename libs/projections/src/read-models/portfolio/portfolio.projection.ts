import {
  AddendumAttached,
  ContractAmended,
  ContractDrafted,
  DraftRevised,
  EscalationEscalated,
  EscalationRaised,
  EscalationResolved,
  JsonChange,
  monthOf,
  RenewalDecisionDue,
  SlaBreached,
  SlaMeasurementRecorded,
  Tier,
} from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import { PORTFOLIO_TABLES } from './portfolio.tables';

type Gen = Generator<SqlOp, void, unknown>;
type Data<E extends { data: unknown }> = ProjectedEvent<E['data']>;

/**
 * Updates the contract's row once: `sets` with its parameters, then the event's version and position,
 * only when the row is behind the event (events arrive in position order).
 */
function* touch(e: ProjectedEvent, contractId: string, sets: string, params: readonly unknown[], sql: SqlOps): Gen {
  yield* sql.run(`UPDATE {rm_portfolio} SET ${sets}, version = ?, last_position = ? WHERE contract_id = ? AND last_position < ?`, [
    ...params,
    e.version,
    e.position,
    contractId,
    e.position,
  ]);
}

const NO_RENEWAL_DUE = 'renewal_decision_due = 0, decision_due_at = NULL, renewal_expires_at = NULL';

const changeAt = (diff: readonly JsonChange[], path: string): JsonChange | undefined => diff.find((c) => c.path === path);

function* drafted(e: Data<ContractDrafted>, sql: SqlOps): Gen {
  const { contractId, partnershipId, terms } = e.data;
  yield* sql.run(
    `INSERT INTO {rm_portfolio} (contract_id, partnership_id, title, kind, master_contract_id, status, parties, signatures,
       open_level3_escalations, failing_slas, renewal_decision_due, decision_due_at, renewal_expires_at, version, last_position)
     VALUES (?, ?, ?, 'master', NULL, 'draft', ?, 0, 0, 0, 0, NULL, NULL, ?, ?) ON CONFLICT (contract_id) DO NOTHING`,
    [contractId, partnershipId, terms.title, terms.parties.length, e.version, e.position],
  );
}

/** A revised draft may rename the contract and add or drop parties (a party is one `/parties/<i>` entry). */
function* draftRevised(e: Data<DraftRevised>, sql: SqlOps): Gen {
  const title = changeAt(e.data.diff, '/title')?.after;
  let parties = 0;
  for (const c of e.data.diff) {
    if (!/^\/parties\/\d+$/.test(c.path)) continue;
    if (c.before === undefined) parties += 1;
    if (c.after === undefined) parties -= 1;
  }
  yield* touch(e, e.data.contractId, 'title = COALESCE(?, title), parties = parties + ?', [typeof title === 'string' ? title : null, parties], sql);
}

/** An amendment may rename the contract; one that moves the expiry starts a new renewal cycle. */
function* amended(e: Data<ContractAmended>, sql: SqlOps): Gen {
  const title = changeAt(e.data.diff, '/title')?.after;
  const moved = changeAt(e.data.diff, '/expiresAt') !== undefined;
  yield* touch(e, e.data.contractId, `title = COALESCE(?, title)${moved ? `, ${NO_RENEWAL_DUE}` : ''}`, [typeof title === 'string' ? title : null], sql);
}

/** The executive sponsors' tier: level 3 of the default ladder, the one ultimate decision authority. */
const atTop = (tier: Tier | string): number => (tier === 'executive' ? 1 : 0);

interface EscalationRow {
  tier: string;
  open: number;
  last_position: number;
}

function* raised(e: Data<EscalationRaised>, sql: SqlOps): Gen {
  const { contractId, escalationId, level, tier } = e.data;
  yield* sql.run(
    `INSERT INTO {rm_portfolio_escalations} (contract_id, escalation_id, level, tier, open, last_position) VALUES (?, ?, ?, ?, 1, ?)
     ON CONFLICT (contract_id, escalation_id) DO NOTHING`,
    [contractId, escalationId, level, tier, e.position],
  );
  if (atTop(tier)) yield* touch(e, contractId, 'open_level3_escalations = open_level3_escalations + 1', [], sql);
}

/** Moves (up, by hand or by deadline) and resolutions change the count only when they cross the executive tier. */
function* escalationChanged(e: ProjectedEvent, contractId: string, escalationId: string, next: { level: number; tier: string; open: boolean }, sql: SqlOps): Gen {
  const row = yield* sql.get<EscalationRow>('SELECT tier, open, last_position FROM {rm_portfolio_escalations} WHERE contract_id = ? AND escalation_id = ?', [
    contractId,
    escalationId,
  ]);
  if (!row || Number(row.last_position) >= e.position) return;
  yield* sql.run('UPDATE {rm_portfolio_escalations} SET level = ?, tier = ?, open = ?, last_position = ? WHERE contract_id = ? AND escalation_id = ? AND last_position < ?', [
    next.level,
    next.tier,
    next.open ? 1 : 0,
    e.position,
    contractId,
    escalationId,
    e.position,
  ]);
  const delta = (next.open ? atTop(next.tier) : 0) - (Number(row.open) === 1 ? atTop(row.tier) : 0);
  if (delta !== 0) yield* touch(e, contractId, 'open_level3_escalations = open_level3_escalations + ?', [delta], sql);
}

interface SlaRow {
  latest_period: string;
  breached: number;
}

/**
 * A counted SLA fact of a month. The latest month wins and a month once breached stays breached, so
 * the row only moves forward and re-applying any fact changes nothing. The contract's failing count
 * changes when the SLA's state flips.
 */
function* slaFact(e: ProjectedEvent, contractId: string, slaId: string, breach: boolean, sql: SqlOps): Gen {
  const period = monthOf(e.occurredAt);
  const row = yield* sql.get<SlaRow>('SELECT latest_period, breached FROM {rm_portfolio_slas} WHERE contract_id = ? AND sla_id = ?', [contractId, slaId]);
  const was = row !== undefined && Number(row.breached) === 1;
  let now: boolean;
  if (!row || period > row.latest_period) now = breach;
  else if (period === row.latest_period && breach && !was) now = true;
  else return;
  yield* sql.run(
    `INSERT INTO {rm_portfolio_slas} (contract_id, sla_id, latest_period, breached, last_position) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (contract_id, sla_id) DO UPDATE SET latest_period = excluded.latest_period, breached = excluded.breached, last_position = excluded.last_position
     WHERE {rm_portfolio_slas}.last_position < excluded.last_position`,
    [contractId, slaId, period, now ? 1 : 0, e.position],
  );
  if (now !== was) yield* touch(e, contractId, 'failing_slas = failing_slas + ?', [now ? 1 : -1], sql);
}

function* apply(event: ProjectedEvent, sql: SqlOps): Gen {
  const contractId = (event.data as { contractId: string }).contractId;
  switch (event.type) {
    case 'ContractDrafted':
      return yield* drafted(event as Data<ContractDrafted>, sql);
    case 'DraftRevised':
      return yield* draftRevised(event as Data<DraftRevised>, sql);
    case 'AddendumAttached':
      return yield* touch(event, contractId, "kind = 'addendum', master_contract_id = ?", [(event as Data<AddendumAttached>).data.masterContractId], sql);
    case 'ContractSigned':
      return yield* touch(event, contractId, "signatures = signatures + 1, status = CASE WHEN status = 'draft' AND signatures + 1 >= parties THEN 'signed' ELSE status END", [], sql);
    case 'ContractActivated':
      return yield* touch(event, contractId, "status = 'active'", [], sql);
    case 'ContractAmended':
      return yield* amended(event as Data<ContractAmended>, sql);
    case 'RenewalDecisionDue': {
      const { decisionDueAt, expiresAt } = (event as Data<RenewalDecisionDue>).data;
      return yield* touch(event, contractId, 'renewal_decision_due = 1, decision_due_at = ?, renewal_expires_at = ?', [decisionDueAt, expiresAt], sql);
    }
    case 'ContractRenewed':
    case 'RenewalDeclined':
      return yield* touch(event, contractId, NO_RENEWAL_DUE, [], sql);
    // A contract that ends has no renewal decision left to take.
    case 'ContractTerminated':
      return yield* touch(event, contractId, `status = 'exiting', ${NO_RENEWAL_DUE}`, [], sql);
    case 'ContractExpired':
      return yield* touch(event, contractId, `status = 'expired', ${NO_RENEWAL_DUE}`, [], sql);
    case 'ContractClosed':
      return yield* touch(event, contractId, `status = 'closed', ${NO_RENEWAL_DUE}`, [], sql);
    case 'EscalationRaised':
      return yield* raised(event as Data<EscalationRaised>, sql);
    case 'EscalationEscalated': {
      const d = (event as Data<EscalationEscalated>).data;
      return yield* escalationChanged(event, contractId, d.escalationId, { level: d.toLevel, tier: d.tier, open: true }, sql);
    }
    case 'EscalationResolved': {
      const d = (event as Data<EscalationResolved>).data;
      return yield* escalationChanged(event, contractId, d.escalationId, { level: d.level, tier: d.tier, open: false }, sql);
    }
    case 'SlaMeasurementRecorded': {
      const d = (event as Data<SlaMeasurementRecorded>).data;
      if (d.outcome === 'excluded') return;
      return yield* slaFact(event, contractId, d.slaId, d.outcome === 'breached', sql);
    }
    case 'SlaBreached':
      return yield* slaFact(event, contractId, (event as Data<SlaBreached>).data.slaId, true, sql);
    default:
      return;
  }
}

/** The committee portfolio (issue #5): contracts by status and the ones at risk, with their reasons. */
export const portfolioProjection: Projection = {
  name: 'portfolio',
  version: 1,
  handles: [
    'ContractDrafted',
    'DraftRevised',
    'AddendumAttached',
    'ContractSigned',
    'ContractActivated',
    'ContractAmended',
    'RenewalDecisionDue',
    'ContractRenewed',
    'RenewalDeclined',
    'ContractTerminated',
    'ContractExpired',
    'ContractClosed',
    'EscalationRaised',
    'EscalationEscalated',
    'EscalationResolved',
    'SlaMeasurementRecorded',
    'SlaBreached',
  ],
  tables: PORTFOLIO_TABLES,
  apply,
};
