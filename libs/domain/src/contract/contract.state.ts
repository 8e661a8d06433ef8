import { ChangeLevel, Tier } from '../governance/tiers';
import { JsonChange } from '../shared/json-diff';
import { Money } from '../shared/money';
import { Instant, ms } from '../shared/time';
import { ContractTerms } from './terms/contract-terms';

export const CONTRACT_STATUSES = ['draft', 'signed', 'active', 'exiting', 'expired', 'closed'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export type ContractKind = 'master' | 'addendum';

export interface TermsVersion {
  version: number;
  /** From when this version governs facts (a fact is judged by the version in force when it happened). */
  effectiveAt: Instant;
  terms: ContractTerms;
}

export type RenewalPhase = 'pending' | 'window-open' | 'decision-due' | 'declined';

/** The renewal cycle of the expiry in force; recomputed whenever that expiry moves. */
export interface RenewalState {
  expiresAt: Instant;
  /** When this expiry came into force (activation, renewal, amendment). */
  since: Instant;
  phase: RenewalPhase;
  renewals: number;
}

export type ChangeStatus = 'requested' | 'in-review' | 'review-agreed' | 'review-failed' | 'in-mediation' | 'approved' | 'rejected';

export interface ChangeState {
  changeId: string;
  level: ChangeLevel;
  status: ChangeStatus;
  reviewRequired: boolean;
  respondBy: Instant | null;
  diff: JsonChange[];
  costImpact: Money;
}

export interface BreachRecord {
  slaId: string;
  period: string;
  credit: Money | null;
  waived: boolean;
}

export interface SlaLedger {
  /**
   * Breaches by id, spread over 64 buckets by a hash of the id: recording one copies one bucket, not
   * every breach, so a stream with thousands of breaches still replays in linear time. Read and write
   * through getBreach / withBreach.
   */
  breaches: Record<string, Record<string, BreachRecord>>;
  /** Credits accrued per `period:currency`, as decimal amounts (the cap counts accruals, waived or not). */
  accrued: Record<string, string>;
}

export interface EscalationState {
  escalationId: string;
  level: number;
  tier: Tier;
  dueAt: Instant;
  status: 'open' | 'resolved';
}

export const DISPUTE_STEPS = ['negotiation', 'relationship-managers', 'mediation', 'arbitration'] as const;
export type DisputeStep = (typeof DISPUTE_STEPS)[number];

export interface DisputeState {
  disputeId: string;
  step: DisputeStep;
  status: 'open' | 'resolved';
  raisedByPartyId: string;
  respondentPartyId: string;
  formalNoticeAt: Instant;
  mediationDueBy: Instant;
  mediationScheduledFor: Instant | null;
  mediationOverdue: boolean;
  papers: Array<{ partyId: string; step: DisputeStep; contentHash: string }>;
}

export const EXIT_STEP_KINDS = ['knowledge-transfer', 'asset-transition', 'data-return', 'other'] as const;
export type ExitStepKind = (typeof EXIT_STEP_KINDS)[number];

export interface ExitStep {
  stepId: string;
  kind: ExitStepKind;
  description: string;
  dueAt: Instant;
  ownerPartyId: string;
}

export interface TerminationState {
  reason: TerminationReason;
  effectiveAt: Instant;
  steps: Array<ExitStep & { done: boolean; overdue: boolean }>;
  /** An addendum terminated with its master: its exit is the master's, it closes when the master closes. */
  coveredByMaster: string | null;
}

export const TERMINATION_REASONS = ['convenience', 'cause', 'mutual', 'master-terminated'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export interface ContractCore {
  contractId: string;
  partnershipId: string;
  kind: ContractKind;
  masterContractId: string | null;
  /** The latest version (what the parties have agreed now). */
  terms: ContractTerms;
  termsHistory: TermsVersion[];
  signatures: Array<{ partyId: string; signatoryName: string; signedAt: Instant | null }>;
  activatedAt: Instant | null;
  amendments: number;
  renewal: RenewalState | null;
  changes: Record<string, ChangeState>;
  sla: SlaLedger;
  escalations: Record<string, EscalationState>;
  disputes: Record<string, DisputeState>;
  termination: TerminationState | null;
  /** When the contract stopped being in force (expiry or termination), once it has. */
  endedAt: Instant | null;
}

export type LiveContract = ContractCore & { status: ContractStatus };
export type ContractState = { status: 'none' } | LiveContract;

export const initialContractState: ContractState = { status: 'none' };

/** The version of the terms in force at an instant (the first version before the contract began). */
export function termsAt(c: ContractCore, at: Instant): TermsVersion {
  const t = ms(at);
  for (let i = c.termsHistory.length - 1; i >= 0; i--) if (ms(c.termsHistory[i].effectiveAt) <= t) return c.termsHistory[i];
  return c.termsHistory[0];
}

export function currentVersion(c: ContractCore): TermsVersion {
  return c.termsHistory[c.termsHistory.length - 1];
}

function bucketOf(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 64;
  return `b${h}`;
}

export function getBreach(ledger: SlaLedger, breachId: string): BreachRecord | undefined {
  return ledger.breaches[bucketOf(breachId)]?.[breachId];
}

export function withBreach(ledger: SlaLedger, breachId: string, record: BreachRecord): SlaLedger {
  const b = bucketOf(breachId);
  return { ...ledger, breaches: { ...ledger.breaches, [b]: { ...ledger.breaches[b], [breachId]: record } } };
}

export function allBreaches(ledger: SlaLedger): Array<BreachRecord & { breachId: string }> {
  return Object.values(ledger.breaches).flatMap((bucket) => Object.entries(bucket).map(([breachId, r]) => ({ breachId, ...r })));
}
