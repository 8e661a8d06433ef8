import { PartyRef } from '../../governance/governance';
import { Tier } from '../../governance/tiers';
import { Money } from '../../shared/money';
import { Instant } from '../../shared/time';

/** A maintenance window, in UTC. Measurements and breaches inside one do not count. [from, to). */
export type MaintenanceWindow =
  | { kind: 'once'; windowId: string; from: Instant; to: Instant }
  | { kind: 'weekly'; windowId: string; /** 0 = Sunday */ dayOfWeek: number; /** minutes after 00:00 UTC */ startMinute: number; durationMinutes: number };

export interface SlaDefinition {
  slaId: string;
  name: string;
  metric: string;
  unit: string;
  /** Decimal string, e.g. "99.9". */
  target: string;
  /** at-least: a value below target breaches; at-most: a value above target breaches. */
  comparison: 'at-least' | 'at-most';
  measurementWindowHours: number;
  maintenanceWindows: MaintenanceWindow[];
  /** Overrides the schedule's credit per breach for this SLA (basis points of the monthly base fee). */
  creditBps?: number;
}

export interface ServiceCreditSchedule {
  /** Credit per breach, in basis points of the monthly base fee (500 = 5 %). */
  perBreachBps: number;
  /** Cap on credits accrued per calendar month, in basis points of the monthly base fee. */
  capPerPeriodBps: number;
  period: 'calendar-month';
  /** The tier that may waive a credit (with a reason). */
  waiverTier: Tier;
}

export interface EscalationLevelPolicy {
  level: number;
  tier: Tier;
  responseHours: number;
}

export interface SuccessFee {
  feeId: string;
  description: string;
  amount: Money;
}

/**
 * Everything a contract's parties agreed and may later amend. Every rule number is here, so each
 * contract carries its own, and every version stays in the contract's history: a fact is always judged
 * against the version in force when it happened.
 */
export interface ContractTerms {
  title: string;
  parties: PartyRef[];
  effectiveFrom: Instant;
  expiresAt: Instant;
  /** The contract value over its term: the base of the change protocol's cost-impact threshold. */
  value: Money;
  autoRenew: boolean;
  renewalTermDays: number;
  noticePeriodDays: number;
  renewal: { windowOpensDaysBeforeExpiry: number; decisionDueDaysBeforeExpiry: number };
  termination: { forConvenience: boolean; forCause: boolean };
  slas: SlaDefinition[];
  escalation: { levels: EscalationLevelPolicy[] };
  change: { costImpactThresholdBps: number; reviewResponseDays: number };
  dispute: { mediationWithinDays: number };
  incentives: { monthlyBaseFee: Money; successFees: SuccessFee[]; serviceCredits: ServiceCreditSchedule };
  /** Contracts whose terms depend on this one: each gets a review request when this one changes. */
  coordinationLinks: string[];
}

/**
 * Term paths whose change is always fundamental (3-2-1): who the parties are, how long the contract
 * runs, and how it can end.
 */
export const FUNDAMENTAL_TERM_PATHS = ['/parties', '/effectiveFrom', '/expiresAt', '/autoRenew', '/renewalTermDays', '/noticePeriodDays', '/termination'] as const;

export function touchesFundamentalTerms(paths: readonly string[]): string[] {
  return FUNDAMENTAL_TERM_PATHS.filter((f) => paths.some((p) => p === f || p.startsWith(`${f}/`)));
}
