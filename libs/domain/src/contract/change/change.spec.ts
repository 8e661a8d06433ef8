import { deciderSpec } from '@covenant/testing/given-when-then';
import {
  aPartnershipWithCharter,
  addendumContext,
  addendumTerms,
  ADDENDUM_ID,
  anActiveContract,
  anActiveMaster,
  at,
  contractContext,
  days,
  governanceFrom,
  masterTerms,
  MSA_ID,
  PARTNERSHIP_ID,
  PEOPLE,
  RECORDER,
  runContract,
  T0,
} from '@covenant/testing/builders';
import { partnershipEvent } from '../../partnership/partnership.events';
import { JsonChange } from '../../shared/json-diff';
import { money } from '../../shared/money';
import { addDays, addMs } from '../../shared/time';
import { contractDecider } from '../contract.decider';
import { ContractEvent, contractEvent } from '../contract.events';
import { ContractCommand } from '../contract.commands';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const D = at(days(30));
const EUR = (amount: string) => money(amount, 'EUR');
const request = (over: Partial<Extract<ContractCommand, { type: 'RequestChange' }>> = {}) => ({
  type: 'RequestChange' as const,
  actorId: RECORDER,
  occurredAt: D,
  changeId: 'ch-1',
  title: 'Add weekend support',
  rationale: 'Acme opens on Saturdays',
  proposedLevel: 'minor' as const,
  costImpact: EUR('10000.00'),
  proposedTerms: { title: 'Master Services Agreement (weekend support)' },
  ...over,
});
const titleDiff = [{ path: '/title', before: 'Master Services Agreement', after: 'Master Services Agreement (weekend support)' }];
const decide = (type: 'ApproveChange', actorId: string, occurredAt = at(days(31))) => ({ type, actorId, occurredAt, changeId: 'ch-1' });
const withChange = (over: Parameters<typeof request>[0] = {}, more: ContractCommand[] = []): ContractEvent[] => runContract([request(over), ...more], contractContext(), anActiveMaster());
// 15 % of the 1,080,000.00 EUR contract value.
const THRESHOLD = '162000.00';
const respondBy = addDays(D, 14);

describe('Change protocol 3-2-1', () => {
  describe('RequestChange', () => {
    it('a change request proposes a level and a cost impact; a small one stays at its level with no review', () => {
      spec
        .given(...anActiveMaster())
        .when(request())
        .then(
          contractEvent('ChangeRequested', {
            contractId: MSA_ID,
            changeId: 'ch-1',
            title: 'Add weekend support',
            rationale: 'Acme opens on Saturdays',
            proposedLevel: 'minor',
            level: 'minor',
            levelReasons: ['proposed'],
            costImpact: EUR('10000.00'),
            costImpactPercent: '0.93',
            baseTermsVersion: 1,
            diff: titleDiff,
          }),
        );
    });
    it('cost impact threshold: exactly 15 % stays minor with no review, one cent more makes it significant and opens a collaborative review', () => {
      const at15 = spec.given(...anActiveMaster()).when(request({ costImpact: EUR(THRESHOLD) })).events;
      expect(at15.map((e) => e.type)).toEqual(['ChangeRequested']);
      expect(at15[0].data).toMatchObject({ level: 'minor', costImpactPercent: '15.00' });
      spec
        .given(...anActiveMaster())
        .when(request({ costImpact: EUR('162000.01') }))
        .thenIncludes(contractEvent('CollaborativeReviewOpened', { contractId: MSA_ID, changeId: 'ch-1', respondBy }));
      const above = spec.given(...anActiveMaster()).when(request({ costImpact: EUR('-162000.01') })).events;
      expect(above[0].data).toMatchObject({ level: 'significant', levelReasons: ['proposed', 'cost-impact-above-threshold'] });
    });
    it('cost impact threshold raises the level to at least significant, never lowers it', () => {
      const events = spec.given(...anActiveMaster()).when(request({ proposedLevel: 'fundamental', costImpact: EUR('200000.00') })).events;
      expect(events[0].data).toMatchObject({ level: 'fundamental' });
    });
    it('each contract sets its own threshold and review deadline', () => {
      const terms = masterTerms({ change: { costImpactThresholdBps: 500, reviewResponseDays: 7 } });
      const events = spec.given(...anActiveContract({ terms })).when(request({ costImpact: EUR('60000.00') })).events;
      expect(events[1]).toEqual(contractEvent('CollaborativeReviewOpened', { contractId: MSA_ID, changeId: 'ch-1', respondBy: addDays(D, 7) }));
    });
    it.each([
      ['parties', { parties: [{ partyId: 'globex', name: 'Globex Services' }, { partyId: 'acme', name: 'Acme Corp' }] }],
      ['term length', { expiresAt: addDays(masterTerms().expiresAt, 365) }],
      ['termination rights', { termination: { forConvenience: false, forCause: true } }],
      ['notice period', { noticePeriodDays: 30 }],
    ])('changes to %s are fundamental', (_what, proposedTerms) => {
      const events = spec.given(...anActiveMaster()).when(request({ proposedTerms })).events;
      expect(events[0].data).toMatchObject({ level: 'fundamental', levelReasons: ['proposed', 'fundamental-terms'] });
    });
    it('a change needs an active contract', () => {
      spec.given(...runContract([], contractContext(), anActiveMaster()).slice(0, 1)).when(request()).thenError('CONTRACT.NOT_ACTIVE');
    });
    it('a change request id is used once', () => {
      spec.given(...withChange()).when(request()).thenError('CHANGE.ALREADY_EXISTS');
    });
    it('a change that changes nothing is rejected', () => {
      spec.given(...anActiveMaster()).when(request({ proposedTerms: { title: 'Master Services Agreement' } })).thenError('CHANGE.EMPTY');
    });
    it('the cost impact is in the contract currency', () => {
      spec.given(...anActiveMaster()).when(request({ costImpact: money('10.00', 'USD') })).thenError('MONEY.CURRENCY_MISMATCH');
    });
    it('the proposed terms must be valid terms', () => {
      spec.given(...anActiveMaster()).when(request({ proposedTerms: { noticePeriodDays: -1 } })).thenError('CONTRACT.INVALID_TERMS');
    });
    it('a change to an addendum cannot make it outlive its master', () => {
      const addendum = anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms(), masterContractId: MSA_ID, context: addendumContext() });
      spec
        .given(...addendum)
        .when(request({ proposedTerms: { expiresAt: at(1, masterTerms().expiresAt) }, costImpact: EUR('0.00') }), addendumContext())
        .thenError('ADDENDUM.OUTLIVES_MASTER');
    });
  });

  describe('ApproveChange', () => {
    const amended = (changeId = 'ch-1', amendmentNumber = 1, diff: JsonChange[] = titleDiff, effectiveAt = at(days(31))) =>
      contractEvent('ContractAmended', { contractId: MSA_ID, changeId, amendmentNumber, termsVersion: amendmentNumber + 1, effectiveAt, diff });

    it('an approved change becomes ContractAmended with the exact diff of terms', () => {
      spec
        .given(...withChange())
        .when(decide('ApproveChange', PEOPLE.alice.personId))
        .then(contractEvent('ChangeApproved', { contractId: MSA_ID, changeId: 'ch-1', level: 'minor', tier: 'operational' }), amended());
    });
    it('approval needs the tier that owns the level: operational cannot approve a significant change', () => {
      const agreed = withChange({ costImpact: EUR('200000.00') }, [{ type: 'ConcludeCollaborativeReview', actorId: PEOPLE.carol.personId, occurredAt: at(days(35)), changeId: 'ch-1', outcome: 'consensus', summary: 'agreed' }]);
      spec.given(...agreed).when(decide('ApproveChange', PEOPLE.alice.personId, at(days(36)))).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...agreed).when(decide('ApproveChange', PEOPLE.dave.personId, at(days(36)))).thenIncludes(contractEvent('ChangeApproved', { contractId: MSA_ID, changeId: 'ch-1', level: 'significant', tier: 'steering' }));
    });
    it('approval needs the tier that owns the level or a higher one: an executive approves a minor change', () => {
      spec.given(...withChange()).when(decide('ApproveChange', PEOPLE.frank.personId)).thenIncludes(contractEvent('ChangeApproved', { contractId: MSA_ID, changeId: 'ch-1', level: 'minor', tier: 'operational' }));
    });
    it('a fundamental change is approved only by the executive tier', () => {
      const fundamental = withChange({ proposedTerms: { noticePeriodDays: 60 }, costImpact: EUR('0.00') });
      spec.given(...fundamental).when(decide('ApproveChange', PEOPLE.carol.personId)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...fundamental).when(decide('ApproveChange', PEOPLE.erin.personId)).thenIncludes(amended('ch-1', 1, [{ path: '/noticePeriodDays', before: 90, after: 60 }]));
    });
    it('decision rights as of the decision date: a member removed before the decision, or appointed after it, has no right', () => {
      const removed = partnershipEvent('GovernanceMemberRemoved', { partnershipId: PARTNERSHIP_ID, personId: 'alice', partyId: 'acme', tier: 'operational', until: at(days(31)), reason: 'moved on' }, at(days(31)));
      const gov = governanceFrom([...aPartnershipWithCharter(), removed]);
      spec.given(...withChange()).when(decide('ApproveChange', 'alice', at(days(31))), contractContext({}, gov)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...withChange()).when(decide('ApproveChange', 'alice', at(-1, at(days(31)))), contractContext({}, gov)).thenIncludes(contractEvent('ChangeApproved', { contractId: MSA_ID, changeId: 'ch-1', level: 'minor', tier: 'operational' }));
      const appointedLater = partnershipEvent('GovernanceMemberAppointed', { partnershipId: PARTNERSHIP_ID, personId: 'gina', name: 'Gina', partyId: 'acme', tier: 'executive', from: at(days(32)) }, at(days(32)));
      const gov2 = governanceFrom([...aPartnershipWithCharter(), appointedLater]);
      spec.given(...withChange()).when(decide('ApproveChange', 'gina', at(days(31))), contractContext({}, gov2)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('a change above the threshold waits for its collaborative review: approval is refused while it is open, up to just before its deadline', () => {
      const inReview = withChange({ costImpact: EUR('200000.00') });
      spec.given(...inReview).when(decide('ApproveChange', PEOPLE.carol.personId, addMs(respondBy, -1))).thenError('CHANGE.REVIEW_OPEN');
    });
    it('a review that lapsed without consensus needs mediation before approval (from the deadline instant on)', () => {
      const inReview = withChange({ costImpact: EUR('200000.00') });
      spec.given(...inReview).when(decide('ApproveChange', PEOPLE.carol.personId, respondBy)).thenError('CHANGE.MEDIATION_REQUIRED');
      const failed = withChange({ costImpact: EUR('200000.00') }, [{ type: 'ConcludeCollaborativeReview', actorId: PEOPLE.carol.personId, occurredAt: at(days(35)), changeId: 'ch-1', outcome: 'no-consensus', summary: 'no' }]);
      spec.given(...failed).when(decide('ApproveChange', PEOPLE.erin.personId, at(days(36)))).thenError('CHANGE.MEDIATION_REQUIRED');
    });
    it('a failed review referred to mediation is decided by the one ultimate authority, the executive tier', () => {
      const mediated = withChange({ costImpact: EUR('200000.00') }, [
        { type: 'ConcludeCollaborativeReview', actorId: PEOPLE.carol.personId, occurredAt: at(days(35)), changeId: 'ch-1', outcome: 'no-consensus', summary: 'no' },
        { type: 'ReferChangeToMediation', actorId: PEOPLE.carol.personId, occurredAt: at(days(36)), changeId: 'ch-1', reason: 'deadlock' },
      ]);
      spec.given(...mediated).when(decide('ApproveChange', PEOPLE.carol.personId, at(days(50)))).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...mediated).when(decide('ApproveChange', PEOPLE.erin.personId, at(days(50)))).thenIncludes(contractEvent('ChangeApproved', { contractId: MSA_ID, changeId: 'ch-1', level: 'significant', tier: 'executive' }));
    });
    it('a decided change is not decided again', () => {
      const approved = withChange({}, [decide('ApproveChange', PEOPLE.alice.personId)]);
      spec.given(...approved).when(decide('ApproveChange', PEOPLE.alice.personId, at(days(32)))).thenError('CHANGE.NOT_PENDING');
      spec.given(...approved).when({ type: 'RejectChange', actorId: PEOPLE.alice.personId, occurredAt: at(days(32)), changeId: 'ch-1', reason: 'x' }).thenError('CHANGE.NOT_PENDING');
    });
    it('an unknown change is not found', () => {
      spec.given(...anActiveMaster()).when(decide('ApproveChange', PEOPLE.alice.personId)).thenError('CHANGE.NOT_FOUND');
    });
    it('a change made against terms that have changed since is stale', () => {
      const two = runContract(
        [request(), request({ changeId: 'ch-2', proposedTerms: { title: 'MSA v2' } }), decide('ApproveChange', PEOPLE.alice.personId)],
        contractContext(),
        anActiveMaster(),
      );
      spec.given(...two).when({ ...decide('ApproveChange', PEOPLE.alice.personId, at(days(32))), changeId: 'ch-2' }).thenError('CHANGE.STALE');
    });
    it('a contract with coordination links emits LinkedReviewRequested for each linked contract', () => {
      const linked = anActiveContract({ terms: masterTerms({ coordinationLinks: ['sow-1', 'sow-2'] }) });
      const events = runContract([request({ proposedTerms: { coordinationLinks: ['sow-2', 'sow-3'] } })], contractContext(), linked);
      spec
        .given(...events)
        .when(decide('ApproveChange', PEOPLE.alice.personId))
        .thenIncludes(
          contractEvent('LinkedReviewRequested', { contractId: MSA_ID, linkedContractId: 'sow-1', changeId: 'ch-1', amendmentNumber: 1 }),
          contractEvent('LinkedReviewRequested', { contractId: MSA_ID, linkedContractId: 'sow-2', changeId: 'ch-1', amendmentNumber: 1 }),
          contractEvent('LinkedReviewRequested', { contractId: MSA_ID, linkedContractId: 'sow-3', changeId: 'ch-1', amendmentNumber: 1 }),
        );
    });
    it('renewal window recomputed when an amendment moves the expiry into it', () => {
      const newExpiry = at(days(100));
      const shortened = withChange({ proposedTerms: { expiresAt: newExpiry }, costImpact: EUR('0.00') });
      const events = spec.given(...shortened).when(decide('ApproveChange', PEOPLE.erin.personId)).events;
      expect(events.map((e) => e.type)).toEqual(['ChangeApproved', 'ContractAmended', 'RenewalWindowOpened']);
      expect(events[2]).toEqual(contractEvent('RenewalWindowOpened', { contractId: MSA_ID, expiresAt: newExpiry, decisionDueAt: addDays(newExpiry, -60), autoRenew: true }, at(days(31))));
    });
    it('an amendment cannot move the expiry into the past', () => {
      const past = withChange({ proposedTerms: { expiresAt: at(days(31)) }, costImpact: EUR('0.00') });
      spec.given(...past).when(decide('ApproveChange', PEOPLE.erin.personId)).thenError('CONTRACT.INVALID_TERMS');
    });
    it('a master cannot be amended to end before one of its addenda', () => {
      const shortened = withChange({ proposedTerms: { expiresAt: at(days(200)) }, costImpact: EUR('0.00') });
      const addenda = [{ contractId: ADDENDUM_ID, status: 'active' as const, expiresAt: at(days(365)) }];
      spec.given(...shortened).when(decide('ApproveChange', PEOPLE.erin.personId), contractContext({ addenda })).thenError('CONTRACT.ADDENDA_OUTLIVE_MASTER');
    });
  });

  describe('RejectChange', () => {
    const reject = (actorId: string) => ({ type: 'RejectChange' as const, actorId, occurredAt: at(days(31)), changeId: 'ch-1', reason: 'too costly' });
    it('the tier owning the level rejects a change, with a reason', () => {
      spec.given(...withChange()).when(reject(PEOPLE.bob.personId)).then(contractEvent('ChangeRejected', { contractId: MSA_ID, changeId: 'ch-1', level: 'minor', reason: 'too costly' }));
    });
    it('rejection needs the owning tier too', () => {
      spec.given(...withChange({ proposedLevel: 'significant' })).when(reject(PEOPLE.bob.personId)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...withChange()).when(reject('mallory')).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
  });

  describe('ConcludeCollaborativeReview', () => {
    const conclude = (occurredAt: string, actorId: string = PEOPLE.carol.personId) => ({ type: 'ConcludeCollaborativeReview' as const, actorId, occurredAt, changeId: 'ch-1', outcome: 'consensus' as const, summary: 'agreed' });
    const inReview = () => withChange({ costImpact: EUR('200000.00') });
    const concluded = contractEvent('CollaborativeReviewConcluded', { contractId: MSA_ID, changeId: 'ch-1', outcome: 'consensus', summary: 'agreed' });

    it('review response deadline: concluding one millisecond before the deadline is on time, exactly at it is not', () => {
      spec.given(...inReview()).when(conclude(addMs(respondBy, -1))).then(concluded);
      spec.given(...inReview()).when(conclude(respondBy)).thenError('CHANGE.REVIEW_DEADLINE_PASSED');
    });
    it('the review is concluded by the tier owning the level', () => {
      spec.given(...inReview()).when(conclude(at(days(35)), PEOPLE.alice.personId)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('only an open review is concluded', () => {
      spec.given(...withChange()).when(conclude(at(days(35)))).thenError('CHANGE.REVIEW_NOT_OPEN');
    });
  });

  describe('ReferChangeToMediation', () => {
    const refer = (occurredAt: string) => ({ type: 'ReferChangeToMediation' as const, actorId: PEOPLE.dave.personId, occurredAt, changeId: 'ch-1', reason: 'deadlock', mediator: 'CEDR' });
    const referred = contractEvent('ChangeReferredToMediation', { contractId: MSA_ID, changeId: 'ch-1', reason: 'deadlock', mediator: 'CEDR' });
    it('a failed review can be referred to mediation', () => {
      const failed = withChange({ costImpact: EUR('200000.00') }, [{ type: 'ConcludeCollaborativeReview', actorId: PEOPLE.carol.personId, occurredAt: at(days(35)), changeId: 'ch-1', outcome: 'no-consensus', summary: 'no' }]);
      spec.given(...failed).when(refer(at(days(36)))).then(referred);
    });
    it('a review that is still open (before its deadline) cannot be referred; a lapsed one (from the deadline on) is marked overdue and referred', () => {
      const inReview = withChange({ costImpact: EUR('200000.00') });
      spec.given(...inReview).when(refer(addMs(respondBy, -1))).thenError('CHANGE.REVIEW_NOT_FAILED');
      spec
        .given(...inReview)
        .when(refer(respondBy))
        .then(contractEvent('CollaborativeReviewOverdue', { contractId: MSA_ID, changeId: 'ch-1', respondBy }, respondBy), referred);
    });
    it('a change with no review cannot go to mediation', () => {
      spec.given(...withChange()).when(refer(at(days(31)))).thenError('CHANGE.REVIEW_NOT_FAILED');
    });
  });

  describe('MarkOverdueReviews', () => {
    const tick = (now: string) => ({ type: 'MarkOverdueReviews' as const, actorId: 'system:scheduler', now });
    it('review response deadline: nothing one millisecond before, overdue exactly at the deadline, dated then, once', () => {
      const inReview = withChange({ costImpact: EUR('200000.00') });
      spec.given(...inReview).when(tick(addMs(respondBy, -1))).thenNothing();
      const overdue = contractEvent('CollaborativeReviewOverdue', { contractId: MSA_ID, changeId: 'ch-1', respondBy }, respondBy);
      spec.given(...inReview).when(tick(respondBy)).then(overdue);
      spec.given(...inReview).when(tick(at(days(60)))).then(overdue);
      spec.given(...inReview, overdue).when(tick(at(days(61)))).thenNothing();
    });
  });

  it('T0 sanity: the master is active from T0', () => {
    expect(anActiveMaster().at(-1)?.occurredAt).toBe(T0);
  });
});
