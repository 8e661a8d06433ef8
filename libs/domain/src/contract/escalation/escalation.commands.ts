import { CommandBase, TickBase } from '../../shared/event';
import { EscalationSubjectRef } from './escalation.events';

export interface RaiseEscalation extends CommandBase {
  type: 'RaiseEscalation';
  escalationId: string;
  subject: string;
  relatesTo?: EscalationSubjectRef;
}

/** A manual move up one level, by the tier that owns the current level (or a higher one). */
export interface EscalateEscalation extends CommandBase {
  type: 'EscalateEscalation';
  escalationId: string;
  reason: string;
}

export interface ResolveEscalation extends CommandBase {
  type: 'ResolveEscalation';
  escalationId: string;
  resolution: string;
}

/** Scheduler: every escalation past its deadline moves up by itself, dated at the deadline. */
export interface EscalateOverdue extends TickBase {
  type: 'EscalateOverdue';
}

export type EscalationCommand = RaiseEscalation | EscalateEscalation | ResolveEscalation | EscalateOverdue;
