import type { ReadModelTable } from '../../framework/table';

/**
 * One row per contract for the governance committees: its status and what puts it at risk — open
 * escalations at the executive tier, failing SLAs, and a renewal decision that fell due undecided.
 */
export const PORTFOLIO_TABLE: ReadModelTable = {
  name: 'rm_portfolio',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'title', kind: 'text' },
    { name: 'kind', kind: 'text' },
    { name: 'master_contract_id', kind: 'text', nullable: true },
    { name: 'status', kind: 'text' },
    /** Parties of the draft and signatures so far: the last signature makes a draft `signed`. */
    { name: 'parties', kind: 'integer' },
    { name: 'signatures', kind: 'integer' },
    /** Open escalations whose current level is owned by the executive tier (level 3 of the default ladder). */
    { name: 'open_level3_escalations', kind: 'integer' },
    /** SLAs whose latest month with counted facts has a breach (see rm_portfolio_slas). */
    { name: 'failing_slas', kind: 'integer' },
    /** RenewalDecisionDue seen for the expiry in force, and no renewal, decline, new expiry or end since. */
    { name: 'renewal_decision_due', kind: 'boolean' },
    { name: 'decision_due_at', kind: 'text', nullable: true },
    { name: 'renewal_expires_at', kind: 'text', nullable: true },
    /** Stream version of the last event applied to the row. */
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id'],
  indexes: [{ columns: ['partnership_id', 'status'] }, { columns: ['status'] }],
};

/** Each escalation's current level and tier, to know what a later move or resolution changes. */
export const PORTFOLIO_ESCALATIONS_TABLE: ReadModelTable = {
  name: 'rm_portfolio_escalations',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'escalation_id', kind: 'text' },
    { name: 'level', kind: 'integer' },
    { name: 'tier', kind: 'text' },
    { name: 'open', kind: 'boolean' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id', 'escalation_id'],
};

/**
 * Per contract and SLA: the latest month (UTC) with a counted fact — a met or breached measurement,
 * or a breach reported directly — and whether that month has a breach. Maintenance-window
 * measurements do not count, so they neither clear nor start a failing month.
 */
export const PORTFOLIO_SLAS_TABLE: ReadModelTable = {
  name: 'rm_portfolio_slas',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'sla_id', kind: 'text' },
    { name: 'latest_period', kind: 'text' },
    { name: 'breached', kind: 'boolean' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id', 'sla_id'],
};

export const PORTFOLIO_TABLES: readonly ReadModelTable[] = [PORTFOLIO_TABLE, PORTFOLIO_ESCALATIONS_TABLE, PORTFOLIO_SLAS_TABLE];
