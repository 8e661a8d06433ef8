/**
 * The shape every domain decider has (house style rule 1), as the application layer sees it.
 * `decide` may read a context the handler loaded from other streams (e.g. the partnership's
 * governance for a contract decision); it never loads anything itself.
 */
export interface DomainEventLike {
  type: string;
  schemaVersion: number;
  data: unknown;
  /** When the fact happened, if not when the command says (e.g. an escalation at its deadline). */
  occurredAt?: string;
}

export interface Decider<C, S, E extends DomainEventLike, Ctx = undefined> {
  initialState: S;
  decide(command: C, state: S, context: Ctx): E[];
  evolve(state: S, event: E): S;
}

/** Who and why, stamped into every event's metadata (never into payloads). */
export interface CommandMetadata {
  actorId: string;
  correlationId: string;
  causationId?: string;
  /** Business time of the command's fact (ISO); events default to it. */
  occurredAt: string;
}
