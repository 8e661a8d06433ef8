import {
  applyDiff,
  ContractAmended,
  ContractDrafted,
  ContractTerms,
  DraftRevised,
  Json,
  JsonChange,
  money,
  MoneyOps,
  monthOf,
  ServiceCreditAccrued,
  ServiceCreditWaived,
  SlaBreached,
  SlaMeasurementRecorded,
} from '@covenant/domain';
import type { ProjectedEvent, Projection, SqlOp } from '../../framework/projection';
import type { SqlOps } from '../../framework/sql-ops';
import { SLA_COMPLIANCE_TABLES } from './sla-compliance.tables';

type Gen = Generator<SqlOp, void, unknown>;
type Data<E extends { data: unknown }> = ProjectedEvent<E['data']>;

interface ContractRow {
  terms: string;
  last_position: number;
}

/** Amounts are exact decimals: a stored sum plus one credit, in the currency's minor units. */
function plus(sum: string, amount: string, currency: string): string {
  return MoneyOps.add(money(sum, currency), money(amount, currency)).amount;
}

function* writeDefinitions(sql: SqlOps, contractId: string, termsVersion: number, terms: ContractTerms): Gen {
  if (terms.slas.length === 0) return;
  const currency = terms.incentives.monthlyBaseFee.currency;
  yield* sql.run(
    `INSERT INTO {rm_sla_definitions} (contract_id, sla_id, terms_version, name, metric, unit, target, comparison, currency)
     VALUES ${terms.slas.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (contract_id, sla_id, terms_version) DO NOTHING`,
    terms.slas.flatMap((s) => [contractId, s.slaId, termsVersion, s.name, s.metric, s.unit, s.target, s.comparison, currency]),
  );
}

function* drafted(e: Data<ContractDrafted>, sql: SqlOps): Gen {
  const { contractId, partnershipId, terms } = e.data;
  yield* sql.run(
    `INSERT INTO {rm_sla_contracts} (contract_id, partnership_id, terms, version, last_position) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (contract_id) DO NOTHING`,
    [contractId, partnershipId, JSON.stringify(terms), e.version, e.position],
  );
  yield* writeDefinitions(sql, contractId, 1, terms);
}

/** The contract's latest terms after the diff, or null when the event was already applied. */
function* revisedTerms(e: ProjectedEvent, contractId: string, diff: JsonChange[], sql: SqlOps): Generator<SqlOp, ContractTerms | null, unknown> {
  const row = yield* sql.get<ContractRow>('SELECT terms, last_position FROM {rm_sla_contracts} WHERE contract_id = ?', [contractId]);
  if (!row || Number(row.last_position) >= e.position) return null;
  const terms = applyDiff(JSON.parse(row.terms) as Json, diff) as unknown as ContractTerms;
  yield* sql.run('UPDATE {rm_sla_contracts} SET terms = ?, version = ?, last_position = ? WHERE contract_id = ? AND last_position < ?', [
    JSON.stringify(terms),
    e.version,
    e.position,
    contractId,
    e.position,
  ]);
  return terms;
}

/** Before any signature the draft's SLAs are simply replaced: there is still only terms version 1. */
function* draftRevised(e: Data<DraftRevised>, sql: SqlOps): Gen {
  const terms = yield* revisedTerms(e, e.data.contractId, e.data.diff, sql);
  if (!terms) return;
  yield* sql.run('DELETE FROM {rm_sla_definitions} WHERE contract_id = ? AND terms_version = 1', [e.data.contractId]);
  yield* writeDefinitions(sql, e.data.contractId, 1, terms);
}

const touchesSlas = (diff: readonly JsonChange[]): boolean =>
  diff.some((c) => c.path === '/slas' || c.path.startsWith('/slas/') || c.path.startsWith('/incentives/monthlyBaseFee'));

function* amended(e: Data<ContractAmended>, sql: SqlOps): Gen {
  const terms = yield* revisedTerms(e, e.data.contractId, e.data.diff, sql);
  if (terms && touchesSlas(e.data.diff)) yield* writeDefinitions(sql, e.data.contractId, e.data.termsVersion, terms);
}

interface Counts {
  measurements?: number;
  met?: number;
  breached?: number;
  excluded?: number;
  breaches?: number;
  reportedBreaches?: number;
}

const COUNTERS = ['measurements', 'met', 'breached', 'excluded', 'breaches', 'reported_breaches'] as const;
const LATEST = ['sla_name', 'metric', 'unit', 'target', 'comparison'] as const;
const ROW = '{rm_sla_compliance}';

/**
 * The SLA definition a fact was judged by (the highest definition version at or below the event's
 * terms version) and the contract's partnership. A rebuild batch reads it once per contract and SLA:
 * the runner remembers reads within a transaction until these tables are written.
 */
const DEFINITION_SQL = `SELECT d.name, d.metric, d.unit, d.target, d.comparison, d.terms_version, d.currency, c.partnership_id
  FROM {rm_sla_definitions} d JOIN {rm_sla_contracts} c ON c.contract_id = d.contract_id
  WHERE d.contract_id = ? AND d.sla_id = ? AND d.terms_version <= ?
  ORDER BY d.terms_version DESC LIMIT 1`;

interface DefinitionRow {
  name: string;
  metric: string;
  unit: string;
  target: string;
  comparison: string;
  terms_version: number;
  currency: string;
  partnership_id: string;
}

/** Adds to the month's counters, once: on conflict the row must be behind the event. */
const BUMP_SQL = `INSERT INTO ${ROW} (contract_id, sla_id, period, partnership_id, sla_name, metric, unit, target, comparison, terms_version,
    ${COUNTERS.join(', ')}, credits_accrued, credits_waived, currency, version, last_position)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${COUNTERS.map(() => '?').join(', ')}, '0', '0', ?, ?, ?)
  ON CONFLICT (contract_id, sla_id, period) DO UPDATE SET
    ${COUNTERS.map((c) => `${c} = ${ROW}.${c} + excluded.${c}`).join(', ')},
    ${LATEST.map((c) => `${c} = CASE WHEN excluded.terms_version >= ${ROW}.terms_version THEN excluded.${c} ELSE ${ROW}.${c} END`).join(', ')},
    terms_version = CASE WHEN excluded.terms_version >= ${ROW}.terms_version THEN excluded.terms_version ELSE ${ROW}.terms_version END,
    version = excluded.version, last_position = excluded.last_position
  WHERE ${ROW}.last_position < excluded.last_position`;

function* bump(e: ProjectedEvent, key: { contractId: string; slaId: string; termsVersion: number }, period: string, n: Counts, sql: SqlOps): Gen {
  const d = yield* sql.get<DefinitionRow>(DEFINITION_SQL, [key.contractId, key.slaId, key.termsVersion]);
  if (!d) return;
  const counts = [n.measurements, n.met, n.breached, n.excluded, n.breaches, n.reportedBreaches].map((v) => v ?? 0);
  yield* sql.run(BUMP_SQL, [
    key.contractId,
    key.slaId,
    period,
    d.partnership_id,
    d.name,
    d.metric,
    d.unit,
    d.target,
    d.comparison,
    Number(d.terms_version),
    ...counts,
    d.currency,
    e.version,
    e.position,
  ]);
}

function* measured(e: Data<SlaMeasurementRecorded>, sql: SqlOps): Gen {
  const o = e.data.outcome;
  yield* bump(e, e.data, monthOf(e.occurredAt), { measurements: 1, met: o === 'met' ? 1 : 0, breached: o === 'breached' ? 1 : 0, excluded: o === 'excluded' ? 1 : 0 }, sql);
}

function* breached(e: Data<SlaBreached>, sql: SqlOps): Gen {
  const { contractId, breachId, slaId, source } = e.data;
  const period = monthOf(e.occurredAt);
  yield* bump(e, e.data, period, { breaches: 1, reportedBreaches: source === 'report' ? 1 : 0 }, sql);
  yield* sql.run(
    `INSERT INTO {rm_sla_breaches} (contract_id, breach_id, sla_id, period, source, credit, currency, waived, last_position)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, 0, ?) ON CONFLICT (contract_id, breach_id) DO NOTHING`,
    [contractId, breachId, slaId, period, source, e.position],
  );
}

interface CreditRow {
  credits_accrued: string;
  currency: string;
  last_position: number;
}

/**
 * The month's credits in the row's currency. The domain keeps every amount of a contract in its one
 * currency; only an amendment switching that currency within a month could bring a second one, and
 * such a credit stays on its breach (rm_sla_breaches) rather than being added to a sum it cannot join.
 */
function* accrued(e: Data<ServiceCreditAccrued>, sql: SqlOps): Gen {
  const { contractId, breachId, slaId, period, amount } = e.data;
  const row = yield* sql.get<CreditRow>(`SELECT credits_accrued, currency, last_position FROM ${ROW} WHERE contract_id = ? AND sla_id = ? AND period = ?`, [
    contractId,
    slaId,
    period,
  ]);
  if (row && Number(row.last_position) < e.position && row.currency === amount.currency) {
    yield* sql.run(`UPDATE ${ROW} SET credits_accrued = ?, version = ?, last_position = ? WHERE contract_id = ? AND sla_id = ? AND period = ? AND last_position < ?`, [
      plus(row.credits_accrued, amount.amount, amount.currency),
      e.version,
      e.position,
      contractId,
      slaId,
      period,
      e.position,
    ]);
  }
  yield* sql.run('UPDATE {rm_sla_breaches} SET period = ?, credit = ?, currency = ?, last_position = ? WHERE contract_id = ? AND breach_id = ? AND last_position < ?', [
    period,
    amount.amount,
    amount.currency,
    e.position,
    contractId,
    breachId,
    e.position,
  ]);
}

interface WaiverRow {
  sla_id: string;
  period: string;
  waived: number;
  last_position: number;
  credits_waived: string | null;
  currency: string | null;
  row_position: number | null;
}

function* waived(e: Data<ServiceCreditWaived>, sql: SqlOps): Gen {
  const { contractId, breachId, amount } = e.data;
  const b = yield* sql.get<WaiverRow>(
    `SELECT b.sla_id, b.period, b.waived, b.last_position, c.credits_waived, c.currency, c.last_position AS row_position
     FROM {rm_sla_breaches} b LEFT JOIN ${ROW} c ON c.contract_id = b.contract_id AND c.sla_id = b.sla_id AND c.period = b.period
     WHERE b.contract_id = ? AND b.breach_id = ?`,
    [contractId, breachId],
  );
  if (!b || Number(b.last_position) >= e.position) return;
  yield* sql.run('UPDATE {rm_sla_breaches} SET waived = 1, last_position = ? WHERE contract_id = ? AND breach_id = ? AND last_position < ?', [
    e.position,
    contractId,
    breachId,
    e.position,
  ]);
  if (b.credits_waived === null || b.currency !== amount.currency || Number(b.row_position) >= e.position) return;
  yield* sql.run(`UPDATE ${ROW} SET credits_waived = ?, version = ?, last_position = ? WHERE contract_id = ? AND sla_id = ? AND period = ? AND last_position < ?`, [
    plus(b.credits_waived, amount.amount, amount.currency),
    e.version,
    e.position,
    contractId,
    b.sla_id,
    b.period,
    e.position,
  ]);
}

/**
 * SLA compliance per contract, SLA and month (issue #5): measurements by outcome, breaches (from
 * measurements or reported directly) and the service credits accrued and waived for that month's
 * breaches. SLA definitions are the projection's own, kept from the contract's drafts and amendments.
 */
export const slaComplianceProjection: Projection = {
  name: 'sla-compliance',
  version: 1,
  handles: ['ContractDrafted', 'DraftRevised', 'ContractAmended', 'SlaMeasurementRecorded', 'SlaBreached', 'ServiceCreditAccrued', 'ServiceCreditWaived'],
  tables: SLA_COMPLIANCE_TABLES,
  *apply(event, sql) {
    switch (event.type) {
      case 'ContractDrafted':
        return yield* drafted(event as Data<ContractDrafted>, sql);
      case 'DraftRevised':
        return yield* draftRevised(event as Data<DraftRevised>, sql);
      case 'ContractAmended':
        return yield* amended(event as Data<ContractAmended>, sql);
      case 'SlaMeasurementRecorded':
        return yield* measured(event as Data<SlaMeasurementRecorded>, sql);
      case 'SlaBreached':
        return yield* breached(event as Data<SlaBreached>, sql);
      case 'ServiceCreditAccrued':
        return yield* accrued(event as Data<ServiceCreditAccrued>, sql);
      case 'ServiceCreditWaived':
        return yield* waived(event as Data<ServiceCreditWaived>, sql);
      default:
        return;
    }
  },
};
