import { Money } from '../../shared/money';
import { addDays, Instant } from '../../shared/time';
import { PartyRef } from '../../governance/governance';
import { ContractTerms, EscalationLevelPolicy, ServiceCreditSchedule } from './contract-terms';

/** DOMAIN.md defaults: level 1 operational 24 h, level 2 steering 72 h, level 3 executive 1 week. */
export const DEFAULT_ESCALATION_LEVELS: EscalationLevelPolicy[] = [
  { level: 1, tier: 'operational', responseHours: 24 },
  { level: 2, tier: 'steering', responseHours: 72 },
  { level: 3, tier: 'executive', responseHours: 168 },
];

/** 5 % of the monthly base fee per breach, at most 20 % a month, waived by the steering committee. */
export const DEFAULT_SERVICE_CREDITS: ServiceCreditSchedule = { perBreachBps: 500, capPerPeriodBps: 2000, period: 'calendar-month', waiverTier: 'steering' };

export const DEFAULT_RULES = {
  costImpactThresholdBps: 1500,
  reviewResponseDays: 14,
  mediationWithinDays: 30,
  windowOpensDaysBeforeExpiry: 120,
  decisionDueDaysBeforeExpiry: 60,
  noticePeriodDays: 90,
  renewalTermDays: 365,
} as const;

/** A complete set of terms with every default, for a term of `termDays` from `effectiveFrom`. */
export function defaultContractTerms(input: {
  title: string;
  parties: PartyRef[];
  effectiveFrom: Instant;
  termDays?: number;
  value: Money;
  monthlyBaseFee: Money;
}): ContractTerms {
  return {
    title: input.title,
    parties: input.parties,
    effectiveFrom: input.effectiveFrom,
    expiresAt: addDays(input.effectiveFrom, input.termDays ?? 3 * 365),
    value: input.value,
    autoRenew: true,
    renewalTermDays: DEFAULT_RULES.renewalTermDays,
    noticePeriodDays: DEFAULT_RULES.noticePeriodDays,
    renewal: { windowOpensDaysBeforeExpiry: DEFAULT_RULES.windowOpensDaysBeforeExpiry, decisionDueDaysBeforeExpiry: DEFAULT_RULES.decisionDueDaysBeforeExpiry },
    termination: { forConvenience: true, forCause: true },
    slas: [],
    escalation: { levels: DEFAULT_ESCALATION_LEVELS },
    change: { costImpactThresholdBps: DEFAULT_RULES.costImpactThresholdBps, reviewResponseDays: DEFAULT_RULES.reviewResponseDays },
    dispute: { mediationWithinDays: DEFAULT_RULES.mediationWithinDays },
    incentives: { monthlyBaseFee: input.monthlyBaseFee, successFees: [], serviceCredits: DEFAULT_SERVICE_CREDITS },
    coordinationLinks: [],
  };
}
