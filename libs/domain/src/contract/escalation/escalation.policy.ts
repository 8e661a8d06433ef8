import { addHours, Instant, isPast } from '../../shared/time';
import { contractEvent } from '../contract.events';
import { dated } from '../contract.guards';
import { EscalationState, LiveContract, termsAt } from '../contract.state';
import { EscalationLevelPolicy } from '../terms/contract-terms';
import { EscalationEscalated } from './escalation.events';

/** The ladder level as the terms in force at an instant define it. */
export function levelPolicy(c: LiveContract, level: number, at: Instant): EscalationLevelPolicy | undefined {
  return termsAt(c, at).terms.escalation.levels.find((l) => l.level === level);
}

export function topLevel(c: LiveContract, at: Instant): number {
  return termsAt(c, at).terms.escalation.levels.length;
}

/**
 * The automatic moves an open escalation has made by `until`: each time a level's deadline passes
 * unresolved, it moves up one level at that deadline instant (deadlines are exclusive), with the next level's
 * response window. A late scheduler therefore catches up step by step, each step dated when it happened.
 * At the last level nothing moves further.
 */
export function automaticEscalations(c: LiveContract, esc: EscalationState, until: Instant): { events: EscalationEscalated[]; state: EscalationState } {
  const events: EscalationEscalated[] = [];
  let cur = esc;
  while (cur.status === 'open' && isPast(cur.dueAt, until)) {
    const at = cur.dueAt;
    const next = levelPolicy(c, cur.level + 1, at);
    if (!next) break;
    const dueAt = addHours(at, next.responseHours);
    events.push(
      dated(
        contractEvent('EscalationEscalated', {
          contractId: c.contractId,
          escalationId: esc.escalationId,
          fromLevel: cur.level,
          toLevel: next.level,
          tier: next.tier,
          dueAt,
          automatic: true,
          reason: `level ${cur.level} response deadline ${cur.dueAt} passed`,
        }),
        at,
      ),
    );
    cur = { ...cur, level: next.level, tier: next.tier, dueAt };
  }
  return { events, state: cur };
}
