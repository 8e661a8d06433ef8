import { Tier } from '../../governance/tiers';
import { DomainEvent } from '../../shared/event';
import { Instant } from '../../shared/time';

export interface EscalationSubjectRef {
  kind: 'sla-breach' | 'change' | 'dispute' | 'other';
  id?: string;
}

export type EscalationRaised = DomainEvent<
  'EscalationRaised',
  { contractId: string; escalationId: string; subject: string; level: number; tier: Tier; dueAt: Instant; relatesTo?: EscalationSubjectRef },
  1
>;
export type EscalationEscalated = DomainEvent<
  'EscalationEscalated',
  { contractId: string; escalationId: string; fromLevel: number; toLevel: number; tier: Tier; dueAt: Instant; automatic: boolean; reason: string },
  1
>;
export type EscalationResolved = DomainEvent<
  'EscalationResolved',
  { contractId: string; escalationId: string; level: number; tier: Tier; resolution: string; withinDeadline: boolean },
  1
>;

export type EscalationEvent = EscalationRaised | EscalationEscalated | EscalationResolved;
