import { ContractTerms, defaultContractTerms, MaintenanceWindow, Money, SlaDefinition } from '@covenant/domain';
import { MoneyDto } from '../http/dto/common.dto';
import { ContractTermsDto, IncentivesDto, ProposedTermsDto, ServiceCreditScheduleDto } from './dto/terms.dto';
import { EscalationPolicyDto } from './dto/term-rules.dto';
import { MaintenanceWindowDto, SlaDto } from './dto/sla-terms.dto';

/*
 * DTOs to the domain's plain terms, field by field: validated class instances never reach an event,
 * and nothing the client did not send is invented except the documented defaults of a draft.
 */

export const moneyOf = (m: MoneyDto): Money => ({ amount: m.amount, currency: m.currency });

function windowOf(w: MaintenanceWindowDto): MaintenanceWindow {
  return w.kind === 'once'
    ? { kind: 'once', windowId: w.windowId, from: w.from ?? '', to: w.to ?? '' }
    : { kind: 'weekly', windowId: w.windowId, dayOfWeek: w.dayOfWeek ?? 0, startMinute: w.startMinute ?? 0, durationMinutes: w.durationMinutes ?? 0 };
}

function slaOf(s: SlaDto): SlaDefinition {
  const sla: SlaDefinition = {
    slaId: s.slaId,
    name: s.name,
    metric: s.metric,
    unit: s.unit,
    target: s.target,
    comparison: s.comparison,
    measurementWindowHours: s.measurementWindowHours,
    maintenanceWindows: (s.maintenanceWindows ?? []).map(windowOf),
  };
  return s.creditBps === undefined ? sla : { ...sla, creditBps: s.creditBps };
}

const escalationOf = (e: EscalationPolicyDto): ContractTerms['escalation'] => ({ levels: e.levels.map((l) => ({ level: l.level, tier: l.tier, responseHours: l.responseHours })) });

const creditsOf = (c: ServiceCreditScheduleDto): ContractTerms['incentives']['serviceCredits'] => ({
  perBreachBps: c.perBreachBps,
  capPerPeriodBps: c.capPerPeriodBps,
  period: c.period,
  waiverTier: c.waiverTier,
});

function incentivesOf(i: Partial<IncentivesDto> & Pick<IncentivesDto, 'monthlyBaseFee'>, defaults: ContractTerms['incentives']): ContractTerms['incentives'] {
  return {
    monthlyBaseFee: moneyOf(i.monthlyBaseFee),
    successFees: (i.successFees ?? defaults.successFees).map((f) => ({ feeId: f.feeId, description: f.description, amount: moneyOf(f.amount) })),
    serviceCredits: i.serviceCredits ? creditsOf(i.serviceCredits) : defaults.serviceCredits,
  };
}

/** Drafted (or revised) terms: what was sent, every rule group left out at the DOMAIN.md default. */
export function draftTermsOf(t: ContractTermsDto): ContractTerms {
  const parties = t.parties.map((p) => ({ partyId: p.partyId, name: p.name }));
  const d = defaultContractTerms({ title: t.title, parties, effectiveFrom: t.effectiveFrom, value: moneyOf(t.value), monthlyBaseFee: moneyOf(t.incentives.monthlyBaseFee) });
  return {
    title: t.title,
    parties,
    effectiveFrom: t.effectiveFrom,
    expiresAt: t.expiresAt,
    value: moneyOf(t.value),
    autoRenew: t.autoRenew ?? d.autoRenew,
    renewalTermDays: t.renewalTermDays ?? d.renewalTermDays,
    noticePeriodDays: t.noticePeriodDays ?? d.noticePeriodDays,
    renewal: t.renewal ? { windowOpensDaysBeforeExpiry: t.renewal.windowOpensDaysBeforeExpiry, decisionDueDaysBeforeExpiry: t.renewal.decisionDueDaysBeforeExpiry } : d.renewal,
    termination: t.termination ? { forConvenience: t.termination.forConvenience, forCause: t.termination.forCause } : d.termination,
    slas: (t.slas ?? []).map(slaOf),
    escalation: t.escalation ? escalationOf(t.escalation) : d.escalation,
    change: t.change ? { costImpactThresholdBps: t.change.costImpactThresholdBps, reviewResponseDays: t.change.reviewResponseDays } : d.change,
    dispute: t.dispute ? { mediationWithinDays: t.dispute.mediationWithinDays } : d.dispute,
    incentives: incentivesOf(t.incentives, d.incentives),
    coordinationLinks: [...(t.coordinationLinks ?? [])],
  };
}

/** A change's proposed terms: only the top-level groups sent, each replacing the contract's whole group. */
export function proposedTermsOf(t: ProposedTermsDto): Partial<ContractTerms> {
  const out: Partial<ContractTerms> = {};
  if (t.title !== undefined) out.title = t.title;
  if (t.parties !== undefined) out.parties = t.parties.map((p) => ({ partyId: p.partyId, name: p.name }));
  if (t.effectiveFrom !== undefined) out.effectiveFrom = t.effectiveFrom;
  if (t.expiresAt !== undefined) out.expiresAt = t.expiresAt;
  if (t.value !== undefined) out.value = moneyOf(t.value);
  if (t.autoRenew !== undefined) out.autoRenew = t.autoRenew;
  if (t.renewalTermDays !== undefined) out.renewalTermDays = t.renewalTermDays;
  if (t.noticePeriodDays !== undefined) out.noticePeriodDays = t.noticePeriodDays;
  if (t.renewal !== undefined) out.renewal = { windowOpensDaysBeforeExpiry: t.renewal.windowOpensDaysBeforeExpiry, decisionDueDaysBeforeExpiry: t.renewal.decisionDueDaysBeforeExpiry };
  if (t.termination !== undefined) out.termination = { forConvenience: t.termination.forConvenience, forCause: t.termination.forCause };
  if (t.slas !== undefined) out.slas = t.slas.map(slaOf);
  if (t.escalation !== undefined) out.escalation = escalationOf(t.escalation);
  if (t.change !== undefined) out.change = { costImpactThresholdBps: t.change.costImpactThresholdBps, reviewResponseDays: t.change.reviewResponseDays };
  if (t.dispute !== undefined) out.dispute = { mediationWithinDays: t.dispute.mediationWithinDays };
  if (t.incentives !== undefined) out.incentives = incentivesOf(t.incentives, { monthlyBaseFee: moneyOf(t.incentives.monthlyBaseFee), successFees: [], serviceCredits: creditsOf(t.incentives.serviceCredits) });
  if (t.coordinationLinks !== undefined) out.coordinationLinks = [...t.coordinationLinks];
  return out;
}
