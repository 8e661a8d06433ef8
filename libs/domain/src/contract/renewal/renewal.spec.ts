import { deciderSpec } from '@covenant/testing/given-when-then';
import { aDraftedMaster, addendumContext, addendumTerms, ADDENDUM_ID, anActiveContract, anActiveMaster, contractContext, masterTerms, MSA_ID, PEOPLE, RECORDER, runContract } from '@covenant/testing/builders';
import { money } from '../../shared/money';
import { addDays, addMs } from '../../shared/time';
import { ContractCommand } from '../contract.commands';
import { contractDecider } from '../contract.decider';
import { ContractEvent, contractEvent } from '../contract.events';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const EXPIRY = masterTerms().expiresAt;
const OPENS = addDays(EXPIRY, -120);
const DECISION = addDays(EXPIRY, -60);
const NOTICE_DEADLINE = addDays(EXPIRY, -90);
const tick = (type: 'OpenDueRenewalWindows' | 'ProcessExpiry', now: string): ContractCommand => ({ type, actorId: 'system:scheduler', now });
const window = (expiresAt = EXPIRY, occurredAt = addDays(expiresAt, -120)) =>
  contractEvent('RenewalWindowOpened', { contractId: MSA_ID, expiresAt, decisionDueAt: addDays(expiresAt, -60), autoRenew: true }, occurredAt);
const due = (expiresAt = EXPIRY, occurredAt = addDays(expiresAt, -60)) =>
  contractEvent('RenewalDecisionDue', { contractId: MSA_ID, expiresAt, decisionDueAt: addDays(expiresAt, -60), autoRenew: true }, occurredAt);
const renew = (actorId: string, occurredAt: string): ContractCommand => ({ type: 'RenewContract', actorId, occurredAt });
const decline = (actorId: string, occurredAt: string): ContractCommand => ({ type: 'DeclineRenewal', actorId, occurredAt, reason: 'moving in-house' });
const declined = (expiresAt = EXPIRY) => contractEvent('RenewalDeclined', { contractId: MSA_ID, expiresAt, reason: 'moving in-house' });
const inWindow = (): ContractEvent[] => runContract([tick('OpenDueRenewalWindows', OPENS)], contractContext(), anActiveMaster());

describe('Renewal window', () => {
  describe('OpenDueRenewalWindows', () => {
    it('renewal window: discussion opens 120 days before expiry, exactly then and not one millisecond before', () => {
      spec.given(...anActiveMaster()).when(tick('OpenDueRenewalWindows', addMs(OPENS, -1))).thenNothing();
      spec.given(...anActiveMaster()).when(tick('OpenDueRenewalWindows', OPENS)).then(window());
    });
    it('renewal window: the decision is due 60 days before expiry; each event is emitted once', () => {
      spec.given(...inWindow()).when(tick('OpenDueRenewalWindows', addMs(DECISION, -1))).thenNothing();
      spec.given(...inWindow()).when(tick('OpenDueRenewalWindows', DECISION)).then(due());
      const both = runContract([tick('OpenDueRenewalWindows', DECISION)], contractContext(), inWindow());
      spec.given(...both).when(tick('OpenDueRenewalWindows', addDays(DECISION, 1))).thenNothing();
    });
    it('a late scheduler emits both, each dated when it became due', () => {
      spec.given(...anActiveMaster()).when(tick('OpenDueRenewalWindows', addDays(DECISION, 10))).then(window(), due());
    });
    it('renewal window recomputed when an amendment moves the expiry', () => {
      const later = addDays(EXPIRY, 365);
      const amended = runContract(
        [
          { type: 'RequestChange', actorId: RECORDER, occurredAt: addDays(OPENS, 1), changeId: 'extend', title: 'One more year', rationale: 'roadmap', proposedLevel: 'fundamental', costImpact: money('0.00', 'EUR'), proposedTerms: { expiresAt: later } },
          { type: 'ApproveChange', actorId: PEOPLE.erin.personId, occurredAt: addDays(OPENS, 2), changeId: 'extend' },
        ],
        contractContext(),
        inWindow(),
      );
      spec.given(...amended).when(tick('OpenDueRenewalWindows', DECISION)).thenNothing();
      spec.given(...amended).when(tick('OpenDueRenewalWindows', addDays(later, -120))).then(window(later));
    });
    it('each contract sets its own window', () => {
      const terms = masterTerms({ renewal: { windowOpensDaysBeforeExpiry: 180, decisionDueDaysBeforeExpiry: 90 } });
      const events = spec.given(...anActiveContract({ terms })).when(tick('OpenDueRenewalWindows', addDays(EXPIRY, -180))).events;
      expect(events).toEqual([contractEvent('RenewalWindowOpened', { contractId: MSA_ID, expiresAt: EXPIRY, decisionDueAt: addDays(EXPIRY, -90), autoRenew: true }, addDays(EXPIRY, -180))]);
    });
    it('only an active contract has a renewal window', () => {
      spec.given(...aDraftedMaster()).when(tick('OpenDueRenewalWindows', DECISION)).thenNothing();
    });
  });

  describe('RenewContract', () => {
    const renewed = (occurredAt?: string) =>
      contractEvent('ContractRenewed', { contractId: MSA_ID, previousExpiresAt: EXPIRY, newExpiresAt: addDays(EXPIRY, 365), automatic: occurredAt !== undefined, renewalNumber: 1 }, occurredAt);
    it('the executive sponsors renew in the window for the renewal term', () => {
      spec.given(...inWindow()).when(renew(PEOPLE.frank.personId, addDays(OPENS, 5))).then(renewed());
    });
    it('renewal is decided inside the window: from its opening, up to (not at) expiry', () => {
      spec.given(...anActiveMaster()).when(renew(PEOPLE.frank.personId, addMs(OPENS, -1))).thenError('RENEWAL.WINDOW_NOT_OPEN');
      spec.given(...anActiveMaster()).when(renew(PEOPLE.frank.personId, OPENS)).then(renewed());
      spec.given(...inWindow()).when(renew(PEOPLE.frank.personId, addMs(EXPIRY, -1))).then(renewed());
      spec.given(...inWindow()).when(renew(PEOPLE.frank.personId, EXPIRY)).thenError('RENEWAL.WINDOW_NOT_OPEN');
    });
    it('renewal is an executive decision', () => {
      spec.given(...inWindow()).when(renew(PEOPLE.carol.personId, addDays(OPENS, 5))).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('a declined renewal stays declined', () => {
      const d = runContract([decline(PEOPLE.erin.personId, addDays(OPENS, 1))], contractContext(), inWindow());
      spec.given(...d).when(renew(PEOPLE.frank.personId, addDays(OPENS, 5))).thenError('RENEWAL.ALREADY_DECLINED');
    });
    it('an addendum renews at most up to its master’s expiry', () => {
      const addendum = anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ expiresAt: addDays(EXPIRY, -100) }), masterContractId: MSA_ID, context: addendumContext() });
      const events = spec.given(...addendum).when(renew(PEOPLE.frank.personId, addDays(EXPIRY, -150)), addendumContext()).events;
      expect(events[0].data).toMatchObject({ newExpiresAt: EXPIRY });
      const coterminous = anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ expiresAt: EXPIRY }), masterContractId: MSA_ID, context: addendumContext() });
      spec.given(...coterminous).when(renew(PEOPLE.frank.personId, addDays(EXPIRY, -100)), addendumContext()).thenError('RENEWAL.NOTHING_TO_RENEW');
    });
  });

  describe('DeclineRenewal', () => {
    it('the notice period is respected: with 90 days notice, non-renewal is notified by 90 days before expiry, not one millisecond later', () => {
      spec.given(...inWindow()).when(decline(PEOPLE.erin.personId, NOTICE_DEADLINE)).then(declined());
      spec.given(...inWindow()).when(decline(PEOPLE.erin.personId, addMs(NOTICE_DEADLINE, 1))).thenError('RENEWAL.DECISION_DEADLINE_PASSED');
    });
    it('an auto-renewing contract is declined before the decision date (when the notice period is shorter)', () => {
      const terms = masterTerms({ noticePeriodDays: 30 });
      const active = anActiveContract({ terms });
      spec.given(...active).when(decline(PEOPLE.erin.personId, DECISION)).then(declined());
      spec.given(...active).when(decline(PEOPLE.erin.personId, addMs(DECISION, 1))).thenError('RENEWAL.DECISION_DEADLINE_PASSED');
    });
    it('a contract that does not renew by itself can be declined until expiry', () => {
      const active = anActiveContract({ terms: masterTerms({ autoRenew: false }) });
      spec.given(...active).when(decline(PEOPLE.erin.personId, addMs(EXPIRY, -1))).then(declined());
    });
    it('declining is an executive decision, taken once, on an active contract', () => {
      spec.given(...inWindow()).when(decline(PEOPLE.carol.personId, addDays(OPENS, 1))).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      const d = runContract([decline(PEOPLE.erin.personId, addDays(OPENS, 1))], contractContext(), inWindow());
      spec.given(...d).when(decline(PEOPLE.erin.personId, addDays(OPENS, 2))).thenError('RENEWAL.ALREADY_DECLINED');
      spec.given(...aDraftedMaster()).when(decline(PEOPLE.erin.personId, addDays(OPENS, 2))).thenError('CONTRACT.NOT_ACTIVE');
    });
  });

  describe('ProcessExpiry', () => {
    it('an auto-renewing contract renews at expiry unless declined, dated at the expiry', () => {
      spec.given(...inWindow()).when(tick('ProcessExpiry', addMs(EXPIRY, -1))).thenNothing();
      spec
        .given(...inWindow())
        .when(tick('ProcessExpiry', EXPIRY))
        .then(contractEvent('ContractRenewed', { contractId: MSA_ID, previousExpiresAt: EXPIRY, newExpiresAt: addDays(EXPIRY, 365), automatic: true, renewalNumber: 1 }, EXPIRY));
    });
    it('a declined contract expires at expiry', () => {
      const d = runContract([decline(PEOPLE.erin.personId, addDays(OPENS, 1))], contractContext(), inWindow());
      spec.given(...d).when(tick('ProcessExpiry', addDays(EXPIRY, 3))).then(contractEvent('ContractExpired', { contractId: MSA_ID, expiresAt: EXPIRY, reason: 'renewal-declined' }, EXPIRY));
    });
    it('a contract without auto-renewal expires at the end of its term', () => {
      const active = anActiveContract({ terms: masterTerms({ autoRenew: false }) });
      spec.given(...active).when(tick('ProcessExpiry', EXPIRY)).then(contractEvent('ContractExpired', { contractId: MSA_ID, expiresAt: EXPIRY, reason: 'term-ended' }, EXPIRY));
    });
    it('a short renewal term opens the next window at once', () => {
      const active = anActiveContract({ terms: masterTerms({ renewalTermDays: 90 }) });
      const events = spec.given(...active).when(tick('ProcessExpiry', EXPIRY)).events;
      expect(events.map((e) => [e.type, e.occurredAt])).toEqual([
        ['ContractRenewed', EXPIRY],
        ['RenewalWindowOpened', EXPIRY],
      ]);
    });
    it('an auto-renewing addendum cannot outlive its master: it expires with it', () => {
      const addendum = anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ expiresAt: EXPIRY }), masterContractId: MSA_ID, context: addendumContext() });
      spec
        .given(...addendum)
        .when(tick('ProcessExpiry', EXPIRY), addendumContext())
        .then(contractEvent('ContractExpired', { contractId: ADDENDUM_ID, expiresAt: EXPIRY, reason: 'master-ends' }, EXPIRY));
    });
  });
});
