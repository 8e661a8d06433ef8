import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { compareInstants, contractDecider, ContractEvent, ContractState, contractStream } from '@covenant/domain';
import { EVENT_STORE, EventEnvelope, EventStore } from '@covenant/event-store';
import { canonicalInstant, ContractView, contractViewOf } from '@covenant/projections/read-models/contract-state/contract-view';
import { toDomainEvent } from '../write/execute-command';

/** One event the replay applied: enough to find it in the log and the audit trail. */
export interface AppliedEvent {
  position: number;
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
}

/** The contract as of a business instant, as known at a record instant, and the events that made it so. */
export interface ContractAsOfView extends ContractView {
  asOf: string | null;
  knownAt: string | null;
  eventsApplied: AppliedEvent[];
}

export interface AsOfRequest {
  /** Business time: apply the events whose fact had occurred by then (all when absent). */
  asOf?: string;
  /** Record time: only the events the engine had recorded by then (all when absent). */
  knownAt?: string;
}

/**
 * DOMAIN.md "Time": state as of X, as known at Y replays the events recorded up to Y and applies those
 * that occurred up to X, through the same evolve the write side uses (replayAsOf's rule, keeping the
 * list of what was applied). Null when, so replayed, there is no contract.
 */
export function contractAsOf(envelopes: Iterable<EventEnvelope>, request: AsOfRequest): ContractAsOfView | null {
  let state: ContractState = contractDecider.initialState;
  const applied: AppliedEvent[] = [];
  let last: EventEnvelope | undefined;
  for (const env of envelopes) {
    if (request.knownAt !== undefined && compareInstants(env.metadata.recordedAt, request.knownAt) > 0) continue;
    if (request.asOf !== undefined && compareInstants(env.metadata.occurredAt, request.asOf) > 0) continue;
    state = contractDecider.evolve(state, toDomainEvent<ContractEvent>(env));
    applied.push({ position: env.position, version: env.version, type: env.type, occurredAt: env.metadata.occurredAt, recordedAt: env.metadata.recordedAt });
    last = env;
  }
  if (state.status === 'none' || last === undefined) return null;
  return {
    ...contractViewOf(state, last.version, last.metadata.recordedAt),
    asOf: request.asOf === undefined ? null : canonicalInstant(request.asOf),
    knownAt: request.knownAt === undefined ? null : canonicalInstant(request.knownAt),
    eventsApplied: applied,
  };
}

/** `GET /contracts/{id}?asOf=&knownAt=`: the auditor's replay of one contract stream. */
export class ContractAsOfQuery extends Query<ContractAsOfView | null> {
  constructor(
    readonly contractId: string,
    readonly request: AsOfRequest,
  ) {
    super();
  }
}

@QueryHandler(ContractAsOfQuery)
export class ContractAsOfHandler implements IQueryHandler<ContractAsOfQuery, ContractAsOfView | null> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, request }: ContractAsOfQuery): Promise<ContractAsOfView | null> {
    const envelopes: EventEnvelope[] = [];
    for await (const env of this.store.readStream(contractStream(contractId))) envelopes.push(env);
    return contractAsOf(envelopes, request);
  }
}

export const CONTRACT_AS_OF_QUERY_HANDLERS = [ContractAsOfHandler];
