import { CommandBase, TickBase } from '../../shared/event';

/** Scheduler: emits RenewalWindowOpened and RenewalDecisionDue, each once per expiry, when due. */
export interface OpenDueRenewalWindows extends TickBase {
  type: 'OpenDueRenewalWindows';
}

/** A renewal decided in the window (by the executive sponsors); the term defaults to the contract's renewal term. */
export interface RenewContract extends CommandBase {
  type: 'RenewContract';
  renewalTermDays?: number;
}

export interface DeclineRenewal extends CommandBase {
  type: 'DeclineRenewal';
  reason: string;
}

/** Scheduler: at expiry an auto-renewing contract renews unless declined; any other expires. */
export interface ProcessExpiry extends TickBase {
  type: 'ProcessExpiry';
}

export type RenewalCommand = OpenDueRenewalWindows | RenewContract | DeclineRenewal | ProcessExpiry;
