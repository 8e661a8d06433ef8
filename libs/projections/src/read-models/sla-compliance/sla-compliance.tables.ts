import type { ReadModelTable } from '../../framework/table';

/**
 * One row per contract, SLA and calendar month (UTC) of the facts: what was measured, what breached,
 * and the service credits accrued and waived for breaches of that month. The compliance percentage is
 * not stored: it is derived from `met` and `breached` when read.
 */
export const SLA_COMPLIANCE_TABLE: ReadModelTable = {
  name: 'rm_sla_compliance',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'sla_id', kind: 'text' },
    /** `YYYY-MM`, the UTC month of the fact's occurredAt (the service-credit cap period). */
    { name: 'period', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'sla_name', kind: 'text' },
    { name: 'metric', kind: 'text' },
    { name: 'unit', kind: 'text' },
    { name: 'target', kind: 'text' },
    { name: 'comparison', kind: 'text' },
    /** The highest terms version a fact of the month was judged by; name, metric and target are its. */
    { name: 'terms_version', kind: 'integer' },
    { name: 'measurements', kind: 'integer' },
    { name: 'met', kind: 'integer' },
    { name: 'breached', kind: 'integer' },
    { name: 'excluded', kind: 'integer' },
    /** Every SlaBreached of the month: from breaching measurements and reported directly. */
    { name: 'breaches', kind: 'integer' },
    { name: 'reported_breaches', kind: 'integer' },
    { name: 'credits_accrued', kind: 'text' },
    { name: 'credits_waived', kind: 'text' },
    /** The contract currency of the terms the month's first fact was judged by. */
    { name: 'currency', kind: 'text' },
    /** Stream version of the last event applied to the row. */
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id', 'sla_id', 'period'],
  indexes: [{ columns: ['partnership_id', 'period'] }, { columns: ['period'] }],
};

/** Every breach of the projection's contracts, so a waiver (which names only the breach) finds its month. */
export const SLA_BREACHES_TABLE: ReadModelTable = {
  name: 'rm_sla_breaches',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'breach_id', kind: 'text' },
    { name: 'sla_id', kind: 'text' },
    { name: 'period', kind: 'text' },
    { name: 'source', kind: 'text' },
    { name: 'credit', kind: 'text', nullable: true },
    { name: 'currency', kind: 'text', nullable: true },
    { name: 'waived', kind: 'boolean' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id', 'breach_id'],
};

/** The projection's own view of each contract: partnership and the latest terms (to apply diffs to). */
export const SLA_CONTRACTS_TABLE: ReadModelTable = {
  name: 'rm_sla_contracts',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'partnership_id', kind: 'text' },
    { name: 'terms', kind: 'json' },
    { name: 'version', kind: 'integer' },
    { name: 'last_position', kind: 'bigint' },
  ],
  primaryKey: ['contract_id'],
};

/**
 * SLA definitions by the terms version that introduced them: a fact judged by terms version N reads
 * the definition with the highest version <= N (versions that changed no SLA write nothing here).
 */
export const SLA_DEFINITIONS_TABLE: ReadModelTable = {
  name: 'rm_sla_definitions',
  columns: [
    { name: 'contract_id', kind: 'text' },
    { name: 'sla_id', kind: 'text' },
    { name: 'terms_version', kind: 'integer' },
    { name: 'name', kind: 'text' },
    { name: 'metric', kind: 'text' },
    { name: 'unit', kind: 'text' },
    { name: 'target', kind: 'text' },
    { name: 'comparison', kind: 'text' },
    { name: 'currency', kind: 'text' },
  ],
  primaryKey: ['contract_id', 'sla_id', 'terms_version'],
};

export const SLA_COMPLIANCE_TABLES: readonly ReadModelTable[] = [SLA_CONTRACTS_TABLE, SLA_DEFINITIONS_TABLE, SLA_COMPLIANCE_TABLE, SLA_BREACHES_TABLE];
