import { invalid } from '../../shared/errors';
import { requireId, requireInt } from '../../shared/validate';
import { ContractEvent, contractEvent } from '../contract.events';
import { requireStatus } from '../contract.guards';
import { ContractState } from '../contract.state';
import { ReceiveLinkedReview } from './change.commands';

/**
 * Ecosystem coordination: when a contract with coordination links is amended, each linked contract
 * gets a review request on its own stream. A contract still being negotiated or in force (draft,
 * signed, active, exiting) receives it; one that has expired or closed has nothing left to review and
 * refuses it (CONTRACT.NOT_ACTIVE), which the process manager records as nothing to do. No decision
 * right is checked: the request is a fact of the other contract's amendment, routed, not decided.
 */
export function receiveLinkedReview(cmd: ReceiveLinkedReview, state: ContractState): ContractEvent[] {
  const c = requireStatus(state, ['draft', 'signed', 'active', 'exiting'], 'CONTRACT.NOT_ACTIVE');
  const sourceContractId = requireId('sourceContractId', cmd.sourceContractId);
  if (sourceContractId === c.contractId) invalid('sourceContractId', 'other-contract', 'a contract does not review its own amendment');
  const changeId = requireId('changeId', cmd.changeId);
  const amendmentNumber = requireInt('amendmentNumber', cmd.amendmentNumber, 1, 1_000_000);
  return [contractEvent('LinkedReviewReceived', { contractId: c.contractId, sourceContractId, changeId, amendmentNumber })];
}
