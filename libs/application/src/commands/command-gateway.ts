import {
  addendumView,
  ContractCommand,
  ContractDecisionContext,
  contractDecider,
  ContractEvent,
  ContractState,
  contractStream,
  governanceView,
  masterView,
  PartnershipCommand,
  partnershipDecider,
  PartnershipEvent,
  PartnershipState,
  partnershipStream,
} from '@covenant/domain';
import { EventEnvelope, EventStore } from '@covenant/event-store';
import { IdempotencyRequest, IdempotencyStore, eventIdFor, StoredResponse } from '../idempotency/idempotency-store';
import { LookupIndex } from '../lookup/lookup-index';
import { Decider, DomainEventLike } from '../write/decider';
import { executeCommand, loadStream } from '../write/execute-command';
import { StateCache } from '../write/state-cache';

/** Who sends a command and how (from the HTTP request or the CLI), never from a body. */
export interface RequestContext {
  actorId: string;
  correlationId: string;
  causationId?: string;
  /** If-Match: the stream version the client last saw. */
  expectedVersion?: number;
  idempotency?: Omit<IdempotencyRequest, 'actorId'>;
  /** 201 for a command that creates its resource, 200 otherwise. */
  successStatus?: number;
}

export interface CommandOutcome {
  status: number;
  body: { id: string; version: number };
  /** True when an Idempotency-Key repeat was answered from the stored first response. */
  replayed: boolean;
}

const contracts: Decider<ContractCommand, ContractState, ContractEvent, ContractDecisionContext> = contractDecider;
const partnerships: Decider<PartnershipCommand, PartnershipState, PartnershipEvent, undefined> = partnershipDecider;

/**
 * Sends domain commands through the one load-decide-append, loading each decision's context from
 * other streams (the partnership's governance, an addendum's master, a master's addenda) and handling
 * Idempotency-Key records in the append's transaction.
 */
export class CommandGateway {
  readonly contractCache = new StateCache<ContractState>();
  readonly partnershipCache = new StateCache<PartnershipState>();

  constructor(
    private readonly store: EventStore,
    private readonly lookup: LookupIndex,
    private readonly idempotency: IdempotencyStore,
  ) {}

  partnership(partnershipId: string, command: PartnershipCommand, ctx: RequestContext): Promise<CommandOutcome> {
    return this.run(partnershipId, partnershipStream(partnershipId), partnerships, command, ctx, this.partnershipCache, () => undefined);
  }

  contract(contractId: string, command: ContractCommand, ctx: RequestContext): Promise<CommandOutcome> {
    return this.run(contractId, contractStream(contractId), contracts, command, ctx, this.contractCache, (state) => this.contractContext(command, state));
  }

  async loadContract(contractId: string): Promise<{ state: ContractState; version: number }> {
    return loadStream(this.store, contractStream(contractId), contracts, this.contractCache);
  }

  async loadPartnership(partnershipId: string): Promise<{ state: PartnershipState; version: number }> {
    return loadStream(this.store, partnershipStream(partnershipId), partnerships, this.partnershipCache);
  }

  private async contractContext(command: ContractCommand, state: ContractState): Promise<ContractDecisionContext> {
    const partnershipId = state.status !== 'none' ? state.partnershipId : 'partnershipId' in command ? command.partnershipId : undefined;
    if (!partnershipId) return { governance: { partnershipId: '', parties: [], charterAdopted: false, memberships: [] } };
    const governance = governanceView((await this.loadPartnership(partnershipId)).state);
    // The master of an existing addendum, or the one a draft is being attached to (AttachAddendum).
    const masterId = (state.status !== 'none' ? state.masterContractId : null) ?? ('masterContractId' in command ? command.masterContractId : undefined);
    const context: ContractDecisionContext = { governance };
    if (masterId) {
      const master = await this.loadContract(masterId);
      if (master.state.status !== 'none') context.master = masterView(master.state);
    }
    // Only a change approval on a master can be refused for making it end before an addendum.
    if (command.type === 'ApproveChange' && state.status !== 'none' && state.kind === 'master') {
      const ids = await this.lookup.addendaOf(state.contractId);
      const views = await Promise.all(ids.map(async (id) => (await this.loadContract(id)).state));
      context.addenda = views.filter((s) => s.status !== 'none').map(addendumView);
    }
    return context;
  }

  private async run<C, S, E extends DomainEventLike, Ctx>(
    id: string,
    streamId: string,
    decider: Decider<C, S, E, Ctx>,
    command: C,
    ctx: RequestContext,
    cache: StateCache<S>,
    context: (state: S) => Ctx | Promise<Ctx>,
  ): Promise<CommandOutcome> {
    const idem = ctx.idempotency ? { ...ctx.idempotency, actorId: ctx.actorId } : undefined;
    if (idem) {
      const stored = await this.idempotency.find(idem);
      if (stored) return { ...(stored as { status: number; body: CommandOutcome['body'] }), replayed: true };
    }
    const status = ctx.successStatus ?? 200;
    const respond = (events: EventEnvelope[]): StoredResponse => ({ status, body: { id, version: events[events.length - 1].version } });
    let result;
    try {
      result = await executeCommand({
      store: this.store,
      decider,
      streamId,
      command,
      context,
      cache,
      expectedVersion: ctx.expectedVersion,
      metadata: { actorId: ctx.actorId, correlationId: ctx.correlationId, causationId: ctx.causationId, occurredAt: occurredAtOf(command) },
      eventIds: idem ? (i) => eventIdFor(idem, i) : undefined,
      inTransaction: idem ? this.idempotency.recordWith(idem, respond) : undefined,
      });
    } catch (err) {
      // A duplicate that raced the first request may be refused by decide (the fact is already
      // recorded); once the first commits, its stored response is the answer to both.
      const stored = idem ? await this.idempotency.find(idem) : null;
      if (stored) return { ...(stored as { status: number; body: CommandOutcome['body'] }), replayed: true };
      throw err;
    }
    const outcome: CommandOutcome = { status, body: { id, version: result.version }, replayed: false };
    if (idem && result.envelopes.length === 0) await this.idempotency.record(idem, outcome, new Date().toISOString());
    return outcome;
  }
}

function occurredAtOf(command: unknown): string {
  const c = command as { occurredAt?: string; now?: string };
  return c.occurredAt ?? c.now ?? new Date().toISOString();
}
