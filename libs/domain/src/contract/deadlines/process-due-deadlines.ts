import { isAtOrBefore } from '../../shared/time';
import { ContractDecisionContext } from '../contract.context';
import { ContractTickCommand, ProcessDueDeadlines, tickCommand } from '../contract.commands';
import { ContractEvent } from '../contract.events';
import { evolveContract } from '../contract.evolve';
import { ContractState } from '../contract.state';
import { contractDeadlines } from './contract-deadlines';

export type TickDecide = (command: Exclude<ContractTickCommand, ProcessDueDeadlines>, state: ContractState, ctx: ContractDecisionContext) => ContractEvent[];

const MAX_STEPS = 10_000;

/**
 * Catches a contract up to `now`: repeatedly takes the earliest due deadline, runs its tick at that
 * deadline's instant, and folds the result, so facts happen in the order they happened even when the
 * scheduler was down for a while (an expiry that renews, then the next window opening, ...). A deadline
 * whose tick has nothing to do (an addendum waiting for its master) is skipped.
 */
export function processDueDeadlines(cmd: ProcessDueDeadlines, state: ContractState, ctx: ContractDecisionContext, decideTick: TickDecide): ContractEvent[] {
  const out: ContractEvent[] = [];
  const skipped = new Set<string>();
  let s = state;
  for (let i = 0; i < MAX_STEPS; i++) {
    const next = contractDeadlines(s).find((d) => isAtOrBefore(d.runAt, cmd.now) && !skipped.has(`${d.kind}|${d.ref}|${d.runAt}`));
    if (!next) break;
    const tick = tickCommand(next.command, next.runAt, cmd.actorId) as Exclude<ContractTickCommand, ProcessDueDeadlines>;
    const events = decideTick(tick, s, ctx);
    if (events.length === 0) {
      skipped.add(`${next.kind}|${next.ref}|${next.runAt}`);
      continue;
    }
    for (const e of events) s = evolveContract(s, e.occurredAt === undefined ? { ...e, occurredAt: next.runAt } : e);
    out.push(...events.map((e) => (e.occurredAt === undefined ? { ...e, occurredAt: next.runAt } : e)));
  }
  return out;
}
