import { requireDecisionRight } from '../../governance/governance';
import { isDecimal } from '../../shared/decimal';
import { DomainError, fail, invalid } from '../../shared/errors';
import { compact } from '../../shared/event';
import { isZero } from '../../shared/money';
import { Instant, isAtOrAfter, isBefore } from '../../shared/time';
import { requireId, requireText } from '../../shared/validate';
import { ContractDecisionContext, requireContract, requireGovernanceFor } from '../contract.context';
import { ContractEvent, contractEvent } from '../contract.events';
import { ContractState, getBreach, LiveContract, termsAt, TermsVersion } from '../contract.state';
import { SlaDefinition } from '../terms/contract-terms';
import { RecordSlaMeasurement, ReportSlaBreach, WaiveServiceCredit } from './sla.commands';
import { breaches, creditFor, maintenanceWindowAt } from './sla.policy';

/** Obligations run from activation until the contract ends (expiry or the termination's effective date). */
export function requireInForceAt(c: LiveContract, at: Instant): void {
  const inForce = c.activatedAt !== null && isAtOrAfter(at, c.activatedAt) && (c.endedAt === null || isBefore(at, c.endedAt));
  if (!inForce) throw new DomainError('CONTRACT.NOT_IN_FORCE', `the contract was not in force on ${at}`, { at, activatedAt: c.activatedAt, endedAt: c.endedAt });
}

function slaAt(c: LiveContract, slaId: string, at: Instant): { version: TermsVersion; sla: SlaDefinition } {
  const version = termsAt(c, at);
  const sla = version.terms.slas.find((s) => s.slaId === slaId);
  if (!sla) throw new DomainError('SLA.NOT_FOUND', `no SLA ${slaId} in terms version ${version.version}`, { slaId, termsVersion: version.version });
  return { version, sla };
}

function breachEvents(c: LiveContract, version: TermsVersion, sla: SlaDefinition, at: Instant, breach: { breachId: string; source: 'measurement' | 'report'; measurementId?: string; value?: string; description?: string }): ContractEvent[] {
  if (getBreach(c.sla, breach.breachId)) fail('SLA.BREACH_ALREADY_EXISTS', undefined, { breachId: breach.breachId });
  const credit = creditFor(sla, version.terms.incentives.serviceCredits, version.terms.incentives.monthlyBaseFee, c.sla, at);
  return [
    contractEvent(
      'SlaBreached',
      compact({ contractId: c.contractId, ...breach, slaId: sla.slaId, termsVersion: version.version, target: sla.target, comparison: sla.comparison }),
    ),
    contractEvent('ServiceCreditAccrued', { contractId: c.contractId, breachId: breach.breachId, slaId: sla.slaId, termsVersion: version.version, ...credit }),
  ];
}

/**
 * A measurement is judged against the SLA version in force when it was taken; inside a maintenance
 * window it is recorded but excluded. A breaching measurement earns the credit of the schedule then in force.
 */
export function recordSlaMeasurement(cmd: RecordSlaMeasurement, state: ContractState): ContractEvent[] {
  const c = requireContract(state);
  requireId('measurementId', cmd.measurementId);
  requireId('slaId', cmd.slaId);
  if (!isDecimal(cmd.value)) invalid('value', 'decimal', 'value must be a decimal string');
  if (cmd.breachId !== undefined) requireId('breachId', cmd.breachId);
  requireInForceAt(c, cmd.occurredAt);
  const { version, sla } = slaAt(c, cmd.slaId, cmd.occurredAt);
  const base = { contractId: c.contractId, measurementId: cmd.measurementId, slaId: sla.slaId, termsVersion: version.version, value: cmd.value };
  const windowId = maintenanceWindowAt(sla, cmd.occurredAt);
  if (windowId !== null) return [contractEvent('SlaMeasurementRecorded', { ...base, outcome: 'excluded', maintenanceWindowId: windowId })];
  if (!breaches(sla, cmd.value)) return [contractEvent('SlaMeasurementRecorded', { ...base, outcome: 'met' })];
  return [
    contractEvent('SlaMeasurementRecorded', { ...base, outcome: 'breached' }),
    ...breachEvents(c, version, sla, cmd.occurredAt, { breachId: cmd.breachId ?? cmd.measurementId, source: 'measurement', measurementId: cmd.measurementId, value: cmd.value }),
  ];
}

/** A breach reported directly; it cannot fall in a maintenance window. */
export function reportSlaBreach(cmd: ReportSlaBreach, state: ContractState): ContractEvent[] {
  const c = requireContract(state);
  requireId('breachId', cmd.breachId);
  requireId('slaId', cmd.slaId);
  requireText('description', cmd.description, 10_000);
  if (cmd.value !== undefined && !isDecimal(cmd.value)) invalid('value', 'decimal', 'value must be a decimal string');
  requireInForceAt(c, cmd.occurredAt);
  const { version, sla } = slaAt(c, cmd.slaId, cmd.occurredAt);
  const windowId = maintenanceWindowAt(sla, cmd.occurredAt);
  if (windowId !== null) fail('SLA.IN_MAINTENANCE_WINDOW', undefined, { slaId: sla.slaId, maintenanceWindowId: windowId });
  return breachEvents(c, version, sla, cmd.occurredAt, { breachId: cmd.breachId, source: 'report', value: cmd.value, description: cmd.description });
}

/** A credit is waived, with a reason, by the tier the schedule in force names (or a higher one). */
export function waiveServiceCredit(cmd: WaiveServiceCredit, state: ContractState, ctx: ContractDecisionContext): ContractEvent[] {
  const c = requireContract(state);
  requireText('reason', cmd.reason);
  const breach = getBreach(c.sla, cmd.breachId);
  if (!breach || breach.credit === null || isZero(breach.credit)) fail('SLA.CREDIT_NOT_FOUND', undefined, { breachId: cmd.breachId });
  if (breach.waived) fail('SLA.CREDIT_ALREADY_WAIVED', undefined, { breachId: cmd.breachId });
  const tier = termsAt(c, cmd.occurredAt).terms.incentives.serviceCredits.waiverTier;
  requireDecisionRight(requireGovernanceFor(ctx, c.partnershipId), cmd.actorId, tier, cmd.occurredAt, `waive the credit of breach ${cmd.breachId}`);
  return [contractEvent('ServiceCreditWaived', { contractId: c.contractId, breachId: cmd.breachId, amount: breach.credit, reason: cmd.reason, tier })];
}
