import type { HttpReply as Response } from '../http/http-types';
import { CommandBus } from '@nestjs/cqrs';
import { hash, randomUUID } from 'node:crypto';
import { ContractCommand, DomainError, DomainErrorCode } from '@covenant/domain';
import type { RequestContext } from '@covenant/application/commands/command-gateway';
import { SendContractCommand } from '@covenant/application/commands/command-messages';
import { LookupIndex } from '@covenant/application/lookup/lookup-index';
import { sendOutcome } from '../http/command-response';

/**
 * What every contract-side controller shares. A command answers `{ id, version }`: `id` is the entity
 * the command created or acted on (the contract, or its change, escalation, dispute, SLA measurement,
 * breach or exit step), `version` and the ETag are the contract stream's version, which is what
 * If-Match refers to on every route of that contract, its sub-entities included.
 */

export type SubEntity = 'change' | 'escalation' | 'dispute';

const NOT_FOUND: Record<SubEntity, DomainErrorCode> = { change: 'CHANGE.NOT_FOUND', escalation: 'ESCALATION.NOT_FOUND', dispute: 'DISPUTE.NOT_FOUND' };
const TAKEN: Record<SubEntity, DomainErrorCode> = { change: 'CHANGE.ALREADY_EXISTS', escalation: 'ESCALATION.ALREADY_EXISTS', dispute: 'DISPUTE.ALREADY_EXISTS' };

/** Who and when: the actor from the request context, never the body; the fact's time defaults to now. */
export function by(ctx: RequestContext, occurredAt?: string): { actorId: string; occurredAt: string } {
  return { actorId: ctx.actorId, occurredAt: occurredAt ?? new Date().toISOString() };
}

/**
 * A server-chosen id. Under an Idempotency-Key it is derived from the actor and key, so a repeat is
 * answered with the id of the first request (the stored response only keeps the contract's id).
 */
export function newId(ctx: RequestContext, purpose: string): string {
  if (!ctx.idempotency) return randomUUID();
  const h = hash('sha256', `${ctx.actorId}\n${ctx.idempotency.key}\n${purpose}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Sends a contract command on the bus and writes `{ id: answerId, version }` with the ETag. */
export async function sendContractCommand(bus: CommandBus, res: Response, contractId: string, command: ContractCommand, ctx: RequestContext, answerId = contractId) {
  const outcome = await bus.execute(new SendContractCommand(contractId, command, ctx));
  return sendOutcome(res, { ...outcome, body: { id: answerId, version: outcome.body.version } });
}

/** The contract owning a change, escalation or dispute; unknown ids are the domain's 404 code. */
export async function owningContract(lookup: LookupIndex, kind: SubEntity, id: string): Promise<string> {
  const contractId = await lookup.contractOf(kind, id);
  if (contractId === null) throw new DomainError(NOT_FOUND[kind], `no ${kind} ${id}`, { [`${kind}Id`]: id });
  return contractId;
}

/**
 * Routes like /changes/{id} address a sub-entity by its id alone, so a client-chosen id already used
 * on another contract is refused (409) rather than made unreachable (the lookup keeps the first owner).
 */
export async function requireUnusedElsewhere(lookup: LookupIndex, kind: SubEntity, id: string, contractId: string): Promise<void> {
  const owner = await lookup.contractOf(kind, id);
  if (owner === null || owner === contractId) return;
  // An unknown contract stays the domain's 404.
  if ((await lookup.contractOf('contract', contractId)) !== null) throw new DomainError(TAKEN[kind], `${kind} ${id} belongs to another contract`, { [`${kind}Id`]: id });
}
