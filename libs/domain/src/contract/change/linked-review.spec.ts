import { deciderSpec } from '@covenant/testing/given-when-then';
import { aDraftedContract, ADDENDUM_ID, anActiveMaster, at, contractContext, days, masterTerms, MSA_ID, runContract } from '@covenant/testing/builders';
import { contractDecider } from '../contract.decider';
import { ContractCommand } from '../contract.commands';
import { contractEvent } from '../contract.events';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const PM = 'system:process-manager';
const receive = (over: Partial<Extract<ContractCommand, { type: 'ReceiveLinkedReview' }>> = {}): ContractCommand => ({
  type: 'ReceiveLinkedReview',
  actorId: PM,
  occurredAt: at(days(31)),
  sourceContractId: ADDENDUM_ID,
  changeId: 'ch-7',
  amendmentNumber: 2,
  ...over,
});
const received = contractEvent('LinkedReviewReceived', { contractId: MSA_ID, sourceContractId: ADDENDUM_ID, changeId: 'ch-7', amendmentNumber: 2 });

describe('Ecosystem coordination: a linked contract receives the review request', () => {
  it('a contract in force receives the review request of an amendment of a contract linked to it', () => {
    spec.given(...anActiveMaster()).when(receive()).then(received);
  });

  it('a contract still being negotiated receives it too (its terms may depend on the amended one)', () => {
    spec.given(...aDraftedContract()).when(receive()).then(received);
  });

  it('receiving a review request changes no term, status or deadline of the linked contract', () => {
    const before = anActiveMaster();
    const outcome = spec.given(...before).when(receive());
    expect(outcome.state).toEqual(before.reduce(contractDecider.evolve, contractDecider.initialState));
  });

  it('an unknown contract cannot receive a review request', () => {
    spec.given().when(receive()).thenError('CONTRACT.NOT_FOUND');
  });

  it('an expired contract has nothing left to review', () => {
    const expiry = masterTerms().expiresAt;
    const expired = runContract(
      [
        { type: 'DeclineRenewal', actorId: 'erin', occurredAt: at(days(30)), reason: 'in-house' },
        { type: 'ProcessExpiry', actorId: 'system:scheduler', now: expiry },
      ],
      contractContext(),
      anActiveMaster(),
    );
    spec.given(...expired).when(receive({ occurredAt: at(days(400)) })).thenError('CONTRACT.NOT_ACTIVE', { status: 'expired' });
  });

  it('a contract does not review its own amendment, and the request names its change and amendment', () => {
    spec.given(...anActiveMaster()).when(receive({ sourceContractId: MSA_ID })).thenError('COMMAND.INVALID');
    spec.given(...anActiveMaster()).when(receive({ changeId: '' })).thenError('COMMAND.INVALID');
    spec.given(...anActiveMaster()).when(receive({ amendmentNumber: 0 })).thenError('COMMAND.INVALID');
  });
});
