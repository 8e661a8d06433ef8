import { deciderSpec } from '@covenant/testing/given-when-then';
import { aDraftedMaster, anActiveMaster, at, contractContext, days, MSA_ID, PEOPLE, runContract } from '@covenant/testing/builders';
import { addDays, addMs } from '../../shared/time';
import { ContractCommand } from '../contract.commands';
import { contractDecider } from '../contract.decider';
import { ContractEvent, contractEvent } from '../contract.events';
import { DisputeStep } from '../contract.state';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const NOTICE = at(days(10));
const DUE_BY = addDays(NOTICE, 30);
const HASH = 'a'.repeat(64);
const open = { type: 'OpenDispute' as const, actorId: PEOPLE.alice.personId, occurredAt: NOTICE, disputeId: 'd-1', subject: 'Unpaid change order CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex' };
const advance = (toStep: DisputeStep, actorId: string, occurredAt: string): ContractCommand => ({ type: 'AdvanceDispute', actorId, occurredAt, disputeId: 'd-1', toStep, reason: 'no agreement' });
const opened = () => runContract([open], contractContext(), anActiveMaster());
const atMediation = (): ContractEvent[] =>
  runContract([advance('relationship-managers', PEOPLE.carol.personId, at(days(12))), advance('mediation', PEOPLE.erin.personId, at(days(15)))], contractContext(), opened());
const schedule = (scheduledFor: string, occurredAt = at(days(16))) => ({ type: 'ScheduleMediation' as const, actorId: PEOPLE.frank.personId, occurredAt, disputeId: 'd-1', scheduledFor, mediator: 'CEDR panel' });
const paper = (partyId: string, actorId: string, contentHash = HASH) => ({ type: 'SubmitPositionPaper' as const, actorId, occurredAt: at(days(17)), disputeId: 'd-1', partyId, contentHash });
const resolve = (outcome: 'agreement' | 'withdrawn' | 'award', actorId: string, occurredAt: string) => ({ type: 'ResolveDispute' as const, actorId, occurredAt, disputeId: 'd-1', outcome, summary: 'settled' });
const tick = (now: string) => ({ type: 'MarkMediationSchedulingOverdue' as const, actorId: 'system:scheduler', now });
const overdue = contractEvent('MediationSchedulingOverdue', { contractId: MSA_ID, disputeId: 'd-1', mediationDueBy: DUE_BY }, DUE_BY);

describe('Dispute ladder', () => {
  describe('OpenDispute', () => {
    it('a formal notice opens a dispute at negotiation; mediation is due within 30 days of it', () => {
      spec
        .given(...anActiveMaster())
        .when(open)
        .then(contractEvent('DisputeOpened', { contractId: MSA_ID, disputeId: 'd-1', subject: 'Unpaid change order CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex', formalNoticeAt: NOTICE, mediationDueBy: DUE_BY, step: 'negotiation' }));
    });
    it('the notice date can precede the record, never follow it', () => {
      const events = spec.given(...anActiveMaster()).when({ ...open, formalNoticeAt: at(days(8)) }).events;
      expect(events[0].data).toMatchObject({ formalNoticeAt: at(days(8)), mediationDueBy: addDays(at(days(8)), 30) });
      spec.given(...anActiveMaster()).when({ ...open, formalNoticeAt: at(days(11)) }).thenError('COMMAND.INVALID');
    });
    it('a dispute step taken by someone without that tier is rejected', () => {
      spec.given(...anActiveMaster()).when({ ...open, actorId: 'mallory' }).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('the notice is served by a member of the raising party', () => {
      spec.given(...anActiveMaster()).when({ ...open, actorId: PEOPLE.bob.personId }).thenError('GOVERNANCE.NOT_A_MEMBER_OF_PARTY');
    });
    it('disputants are two different parties of the contract', () => {
      spec.given(...anActiveMaster()).when({ ...open, respondentPartyId: 'initech' }).thenError('CONTRACT.UNKNOWN_PARTY');
      spec.given(...anActiveMaster()).when({ ...open, respondentPartyId: 'acme' }).thenError('COMMAND.INVALID');
    });
    it('a dispute id is used once; a draft has no disputes', () => {
      spec.given(...opened()).when(open).thenError('DISPUTE.ALREADY_EXISTS');
      spec.given(...aDraftedMaster()).when(open).thenError('CONTRACT.NOT_ACTIVE');
    });
  });

  describe('AdvanceDispute', () => {
    it('the ladder goes negotiation → relationship managers → mediation → arbitration, each step by its tier', () => {
      spec
        .given(...opened())
        .when(advance('relationship-managers', PEOPLE.dave.personId, at(days(12))))
        .then(contractEvent('DisputeAdvanced', { contractId: MSA_ID, disputeId: 'd-1', fromStep: 'negotiation', toStep: 'relationship-managers', reason: 'no agreement' }));
      spec.given(...opened()).when(advance('relationship-managers', PEOPLE.alice.personId, at(days(12)))).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('no step is skipped, and the ladder does not go back', () => {
      spec.given(...opened()).when(advance('mediation', PEOPLE.erin.personId, at(days(12)))).thenError('DISPUTE.STEP_SKIPPED');
      spec.given(...opened()).when(advance('arbitration', PEOPLE.erin.personId, at(days(12)))).thenError('DISPUTE.STEP_SKIPPED');
      spec.given(...atMediation()).when(advance('negotiation', PEOPLE.erin.personId, at(days(16)))).thenError('DISPUTE.STEP_SKIPPED');
    });
    it('arbitration follows a mediation that was held: not before its date, from its date on', () => {
      const scheduled = runContract([schedule(at(days(20)))], contractContext(), atMediation());
      spec.given(...atMediation()).when(advance('arbitration', PEOPLE.erin.personId, at(days(18)))).thenError('DISPUTE.MEDIATION_NOT_HELD');
      spec.given(...scheduled).when(advance('arbitration', PEOPLE.erin.personId, addMs(at(days(20)), -1))).thenError('DISPUTE.MEDIATION_NOT_HELD');
      spec.given(...scheduled).when(advance('arbitration', PEOPLE.erin.personId, at(days(20)))).then(contractEvent('DisputeAdvanced', { contractId: MSA_ID, disputeId: 'd-1', fromStep: 'mediation', toStep: 'arbitration', reason: 'no agreement' }));
    });
    it('when mediation could not be held in time, arbitration is open (from the deadline instant on), the missed deadline recorded first', () => {
      spec.given(...atMediation()).when(advance('arbitration', PEOPLE.erin.personId, addMs(DUE_BY, -1))).thenError('DISPUTE.MEDIATION_NOT_HELD');
      spec
        .given(...atMediation())
        .when(advance('arbitration', PEOPLE.erin.personId, DUE_BY))
        .then(overdue, contractEvent('DisputeAdvanced', { contractId: MSA_ID, disputeId: 'd-1', fromStep: 'mediation', toStep: 'arbitration', reason: 'no agreement' }));
    });
    it('arbitration is final: there is no step after it', () => {
      const inArbitration = runContract([advance('arbitration', PEOPLE.erin.personId, addMs(DUE_BY, 1))], contractContext(), atMediation());
      spec.given(...inArbitration).when(advance('arbitration', PEOPLE.erin.personId, at(days(45)))).thenError('DISPUTE.ARBITRATION_FINAL');
    });
  });

  describe('ScheduleMediation', () => {
    const scheduled = (scheduledFor: string) => contractEvent('MediationScheduled', { contractId: MSA_ID, disputeId: 'd-1', scheduledFor, mediator: 'CEDR panel' });
    it('mediation deadline: a session exactly 30 days after the notice is in time, one millisecond later is not', () => {
      spec.given(...atMediation()).when(schedule(DUE_BY)).then(scheduled(DUE_BY));
      spec.given(...atMediation()).when(schedule(addMs(DUE_BY, 1))).thenError('DISPUTE.MEDIATION_DEADLINE');
    });
    it('mediation deadline: scheduling after the deadline has passed is too late', () => {
      spec.given(...atMediation()).when(schedule(DUE_BY, addMs(DUE_BY, 1))).thenError('DISPUTE.MEDIATION_DEADLINE');
      spec.given(...atMediation(), overdue).when(schedule(DUE_BY, at(days(20)))).thenError('DISPUTE.MEDIATION_DEADLINE');
    });
    it('mediation is scheduled at the mediation step, once, by the executive tier', () => {
      spec.given(...opened()).when(schedule(at(days(20)))).thenError('DISPUTE.NOT_AT_MEDIATION');
      const once = runContract([schedule(at(days(20)))], contractContext(), atMediation());
      spec.given(...once).when(schedule(at(days(21)))).thenError('DISPUTE.MEDIATION_ALREADY_SCHEDULED');
      spec.given(...atMediation()).when({ ...schedule(at(days(20))), actorId: PEOPLE.carol.personId }).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
  });

  describe('SubmitPositionPaper', () => {
    it('position papers are recorded by content hash, per party, at mediation', () => {
      spec
        .given(...atMediation())
        .when(paper('globex', PEOPLE.bob.personId))
        .then(contractEvent('PositionPaperSubmitted', { contractId: MSA_ID, disputeId: 'd-1', partyId: 'globex', step: 'mediation', contentHash: HASH }));
    });
    it('papers are not taken before mediation', () => {
      spec.given(...opened()).when(paper('acme', PEOPLE.alice.personId)).thenError('DISPUTE.PAPERS_NOT_ACCEPTED');
    });
    it('a paper comes from a disputant, submitted by one of its governance members', () => {
      spec.given(...atMediation()).when(paper('initech', PEOPLE.bob.personId)).thenError('DISPUTE.NOT_A_DISPUTANT');
      spec.given(...atMediation()).when(paper('acme', PEOPLE.bob.personId)).thenError('GOVERNANCE.NOT_A_MEMBER_OF_PARTY');
    });
    it('the content hash is a SHA-256 hex digest', () => {
      spec.given(...atMediation()).when(paper('acme', PEOPLE.alice.personId, 'not-a-hash')).thenError('COMMAND.INVALID');
    });
  });

  describe('ResolveDispute', () => {
    it('any step may end in agreement, decided by its tier; only arbitration is binding', () => {
      spec
        .given(...opened())
        .when(resolve('agreement', PEOPLE.bob.personId, at(days(11))))
        .then(contractEvent('DisputeResolved', { contractId: MSA_ID, disputeId: 'd-1', step: 'negotiation', outcome: 'agreement', summary: 'settled', binding: false }));
      spec.given(...atMediation()).when(resolve('agreement', PEOPLE.carol.personId, at(days(16)))).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('only arbitration ends in an award, which is binding and final', () => {
      spec.given(...opened()).when(resolve('award', PEOPLE.erin.personId, at(days(11)))).thenError('DISPUTE.AWARD_REQUIRES_ARBITRATION');
      const inArbitration = runContract([advance('arbitration', PEOPLE.erin.personId, addMs(DUE_BY, 1))], contractContext(), atMediation());
      spec
        .given(...inArbitration)
        .when(resolve('award', PEOPLE.erin.personId, at(days(90))))
        .then(contractEvent('DisputeResolved', { contractId: MSA_ID, disputeId: 'd-1', step: 'arbitration', outcome: 'award', summary: 'settled', binding: true }));
      const awarded = runContract([resolve('award', PEOPLE.erin.personId, at(days(90)))], contractContext(), inArbitration);
      spec.given(...awarded).when(advance('arbitration', PEOPLE.erin.personId, at(days(91)))).thenError('DISPUTE.ALREADY_RESOLVED');
      spec.given(...awarded).when(resolve('agreement', PEOPLE.erin.personId, at(days(91)))).thenError('DISPUTE.ALREADY_RESOLVED');
    });
    it('an unknown dispute is not found', () => {
      spec.given(...anActiveMaster()).when(resolve('agreement', PEOPLE.bob.personId, at(days(11)))).thenError('DISPUTE.NOT_FOUND');
    });
  });

  describe('MarkMediationSchedulingOverdue', () => {
    it('mediation deadline: nothing one millisecond before; exactly at the deadline it is marked, dated then, once', () => {
      spec.given(...opened()).when(tick(addMs(DUE_BY, -1))).thenNothing();
      spec.given(...opened()).when(tick(DUE_BY)).then(overdue);
      spec.given(...opened()).when(tick(at(days(60)))).then(overdue);
      spec.given(...opened(), overdue).when(tick(at(days(61)))).thenNothing();
    });
    it('a scheduled mediation or a resolved dispute is never overdue', () => {
      const scheduled = runContract([schedule(at(days(20)))], contractContext(), atMediation());
      spec.given(...scheduled).when(tick(at(days(60)))).thenNothing();
      const resolved = runContract([resolve('agreement', PEOPLE.bob.personId, at(days(11)))], contractContext(), opened());
      spec.given(...resolved).when(tick(at(days(60)))).thenNothing();
    });
  });
});
