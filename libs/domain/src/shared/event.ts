/**
 * A domain event as the deciders emit it: a stable `type`, the payload's `schemaVersion`, the payload
 * `data` (the only thing persisted as the event body), and optionally `occurredAt` when the fact
 * happened at another time than the command (the application layer stores it in metadata and passes
 * it back to evolve on replay). Correlation, causation and the actor are metadata, never data.
 */
export interface DomainEvent<T extends string = string, D = unknown, V extends number = number> {
  type: T;
  schemaVersion: V;
  data: D;
  occurredAt?: string;
}

/** Every command names who decides (from the token) and when the fact happened (the decision date). */
export interface CommandBase {
  actorId: string;
  occurredAt: string;
}

/** Time-driven commands (from a scheduler) carry `now`; their events are dated by the deadline. */
export interface TickBase {
  actorId: string;
  now: string;
}

export function commandTime(c: CommandBase | TickBase): string {
  return 'now' in c ? c.now : c.occurredAt;
}

/** Drops keys whose value is undefined so payloads survive a JSON round trip unchanged. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
