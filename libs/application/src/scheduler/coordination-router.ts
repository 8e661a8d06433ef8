import { createHash } from 'node:crypto';
import { ContractCommand, ContractTerminated, DomainError, LinkedReviewRequested } from '@covenant/domain';
import type { EventEnvelope, EventStore } from '@covenant/event-store';
import type { ReadModelDb } from '@covenant/projections/framework/read-model-db';
import { sqlOps } from '@covenant/projections/framework/sql-ops';
import type { CommandGateway } from '../commands/command-gateway';
import type { LookupIndex } from '../lookup/lookup-index';

/** Who sends the commands one contract's facts cause on another contract. */
export const PROCESS_MANAGER_ACTOR = 'system:process-manager';

/** The router's place in the global log (one row per process manager, in the read-model database). */
export const PROCESS_CHECKPOINTS_DDL = 'CREATE TABLE IF NOT EXISTS covenant_process_checkpoints (name TEXT PRIMARY KEY, position BIGINT NOT NULL)';
export const COORDINATION_ROUTER = 'coordination';

const ROUTED_TYPES = ['LinkedReviewRequested', 'ContractTerminated'];

export interface RoutedCommand {
  /** The event of one contract that caused the command on another. */
  sourceEventId: string;
  sourcePosition: number;
  sourceType: string;
  contractId: string;
  command: ContractCommand['type'];
  idempotencyKey: string;
  /** `sent`: accepted (events written, or an idempotent repeat); `void`: refused by a rule (reason). */
  outcome: 'sent' | 'void';
  replayed: boolean;
  version?: number;
  reason?: string;
}

/**
 * The process manager of ecosystem coordination: follows the global log from its own checkpoint and
 * turns a fact of one contract into a command on another, through the normal command handlers:
 *
 * - LinkedReviewRequested (a contract with coordination links was amended) → ReceiveLinkedReview on
 *   the linked contract, key `linked-review:<eventId>`;
 * - ContractTerminated of a master → TerminateWithMaster on each of its addenda, key
 *   `terminate-with-master:<eventId>:<addendumId>`.
 *
 * Each command carries the source event's id as causation id and its correlation id, and is dated at
 * the source fact. The checkpoint advances after an event's commands were sent, so a crash in between
 * sends them again and the idempotency records answer the repeat with nothing written.
 */
export class CoordinationRouter {
  private schemaReady = false;

  constructor(
    private readonly options: { gateway: CommandGateway; store: EventStore; db: ReadModelDb; lookup: LookupIndex; batchSize?: number; log?: (message: string) => void },
  ) {}

  async checkpoint(): Promise<number> {
    await this.ensureSchema();
    const rows = await this.options.db.query<{ position: number | string }>('SELECT position FROM covenant_process_checkpoints WHERE name = ?', [COORDINATION_ROUTER]);
    return rows.length ? Number(rows[0].position) : 0;
  }

  /** Routes every event recorded since the checkpoint; returns the commands sent. */
  async route(): Promise<RoutedCommand[]> {
    const out: RoutedCommand[] = [];
    const limit = this.options.batchSize ?? 100;
    let after = await this.checkpoint();
    for (;;) {
      // Every position up to the head is committed (appends are serialised), and a batch shorter than
      // the limit was read to at least this head: the events in between are none of the routed types.
      const head = await this.options.store.headPosition();
      const batch: EventEnvelope[] = [];
      for await (const e of this.options.store.readAll({ after, types: ROUTED_TYPES, limit })) batch.push(e);
      for (const e of batch) {
        for (const [contractId, command, key] of await this.commandsFor(e)) out.push(await this.send(e, contractId, command, key));
        await this.save(e.position);
        after = e.position;
      }
      if (batch.length < limit) {
        // Without this the next round would filter the same unrouted stretch again, a scan that grows
        // with the log (its rows are skipped in the store, but each is still read).
        if (head > after) await this.save(head);
        return out;
      }
    }
  }

  private async commandsFor(e: EventEnvelope): Promise<Array<[string, ContractCommand, string]>> {
    const occurredAt = e.metadata.occurredAt;
    if (e.type === 'LinkedReviewRequested') {
      const d = e.data as LinkedReviewRequested['data'];
      return [[d.linkedContractId, { type: 'ReceiveLinkedReview', actorId: PROCESS_MANAGER_ACTOR, occurredAt, sourceContractId: d.contractId, changeId: d.changeId, amendmentNumber: d.amendmentNumber }, `linked-review:${e.id}`]];
    }
    const d = e.data as ContractTerminated['data'];
    // An addendum's own termination (with its master or alone) carries nothing further.
    if (d.masterContractId !== undefined || d.reason === 'master-terminated') return [];
    const addenda = await this.options.lookup.addendaOf(d.contractId);
    return addenda.map((id) => [id, { type: 'TerminateWithMaster', actorId: PROCESS_MANAGER_ACTOR, occurredAt }, `terminate-with-master:${e.id}:${id}`]);
  }

  private async send(e: EventEnvelope, contractId: string, command: ContractCommand, key: string): Promise<RoutedCommand> {
    const base = { sourceEventId: e.id, sourcePosition: e.position, sourceType: e.type, contractId, command: command.type, idempotencyKey: key };
    const requestHash = createHash('sha256').update(JSON.stringify([contractId, command])).digest('hex');
    let routed: RoutedCommand;
    try {
      const outcome = await this.options.gateway.contract(contractId, command, {
        actorId: PROCESS_MANAGER_ACTOR,
        correlationId: e.metadata.correlationId ?? e.id,
        causationId: e.id,
        idempotency: { key, requestHash },
      });
      routed = { ...base, outcome: 'sent', replayed: outcome.replayed, version: outcome.body.version };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The linked contract is unknown, has ended, or the addendum ended already: nothing to do.
      routed = { ...base, outcome: 'void', replayed: false, reason: error.code };
    }
    this.options.log?.(`${routed.outcome} ${routed.command} → ${contractId} (from ${e.type} ${e.id})${routed.reason ? `: ${routed.reason}` : routed.replayed ? ' (repeat)' : ''}`);
    return routed;
  }

  private async save(position: number): Promise<void> {
    await this.options.db.transact(() =>
      sqlOps.run('INSERT INTO covenant_process_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position', [COORDINATION_ROUTER, position]),
    );
  }

  private async ensureSchema(): Promise<void> {
    if (this.schemaReady) return;
    await this.options.db.exec([PROCESS_CHECKPOINTS_DDL]);
    this.schemaReady = true;
  }
}
