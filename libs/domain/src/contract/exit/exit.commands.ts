import { CommandBase, TickBase } from '../../shared/event';
import { ExitStep } from '../contract.state';

export interface TerminateContract extends CommandBase {
  type: 'TerminateContract';
  reason: 'convenience' | 'cause' | 'mutual';
  grounds: string;
  effectiveAt: string;
  exitPlan: ExitStep[];
}

/** An addendum follows its master into exit (sent by the application for each addendum of a terminated master). */
export interface TerminateWithMaster extends CommandBase {
  type: 'TerminateWithMaster';
}

export interface CompleteExitStep extends CommandBase {
  type: 'CompleteExitStep';
  stepId: string;
  evidence?: string;
}

export interface CloseContract extends CommandBase {
  type: 'CloseContract';
}

/** Scheduler: every exit step past its due date is marked overdue, once. */
export interface MarkOverdueExitSteps extends TickBase {
  type: 'MarkOverdueExitSteps';
}

export type ExitCommand = TerminateContract | TerminateWithMaster | CompleteExitStep | CloseContract | MarkOverdueExitSteps;
