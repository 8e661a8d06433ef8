import { deciderSpec } from '@covenant/testing/given-when-then';
import { addendumTerms, ADDENDUM_ID, anActiveMaster, aSignedContract, at, contractContext, contractStateOf, days, masterTerms, MSA_ID, PEOPLE, RECORDER, runContract, T0 } from '@covenant/testing/builders';
import { addDays, addHours } from '../../shared/time';
import { masterView } from '../contract.context';
import { ContractCommand } from '../contract.commands';
import { contractDecider } from '../contract.decider';
import { contractDeadlines } from './contract-deadlines';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const EXPIRY = masterTerms().expiresAt;
const catchUp = (now: string): ContractCommand => ({ type: 'ProcessDueDeadlines', actorId: 'system:scheduler', now });

describe('Contract deadlines', () => {
  it('a signed contract waits for its effective date', () => {
    expect(contractDeadlines(contractStateOf(aSignedContract()))).toEqual([{ kind: 'activation', ref: null, deadline: T0, runAt: T0, command: 'ActivateIfDue' }]);
  });

  it('an active contract lists its renewal dates, expiry and every open deadline, soonest first; missed deadlines run at the deadline instant (deadlines are exclusive)', () => {
    const busy = runContract(
      [
        { type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(1)), escalationId: 'esc-1', subject: 'late invoices' },
        { type: 'RequestChange', actorId: RECORDER, occurredAt: at(days(2)), changeId: 'ch-1', title: 'More capacity', rationale: 'growth', proposedLevel: 'significant', costImpact: { amount: '200000.00', currency: 'EUR' }, proposedTerms: { title: 'MSA+' } },
        { type: 'OpenDispute', actorId: PEOPLE.alice.personId, occurredAt: at(days(3)), disputeId: 'd-1', subject: 'CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex' },
      ],
      contractContext(),
      anActiveMaster(),
    );
    expect(contractDeadlines(contractStateOf(busy))).toEqual([
      { kind: 'escalation', ref: 'esc-1', deadline: addHours(at(days(1)), 24), runAt: addHours(at(days(1)), 24), command: 'EscalateOverdue' },
      { kind: 'collaborative-review', ref: 'ch-1', deadline: at(days(16)), runAt: at(days(16)), command: 'MarkOverdueReviews' },
      { kind: 'mediation-scheduling', ref: 'd-1', deadline: at(days(33)), runAt: at(days(33)), command: 'MarkMediationSchedulingOverdue' },
      { kind: 'renewal-window', ref: null, deadline: addDays(EXPIRY, -120), runAt: addDays(EXPIRY, -120), command: 'OpenDueRenewalWindows' },
      { kind: 'renewal-decision-due', ref: null, deadline: addDays(EXPIRY, -60), runAt: addDays(EXPIRY, -60), command: 'OpenDueRenewalWindows' },
      { kind: 'expiry', ref: null, deadline: EXPIRY, runAt: EXPIRY, command: 'ProcessExpiry' },
    ]);
  });

  it('an escalation at the last level has no further deadline', () => {
    const top = runContract(
      [{ type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(1)), escalationId: 'esc-1', subject: 'x' }, { type: 'EscalateOverdue', actorId: 'system:scheduler', now: at(days(20)) }],
      contractContext(),
      anActiveMaster(),
    );
    expect(contractDeadlines(contractStateOf(top)).map((d) => d.kind)).toEqual(['renewal-window', 'renewal-decision-due', 'expiry']);
  });

  describe('ProcessDueDeadlines', () => {
    it('nothing due, nothing done', () => {
      spec.given(...anActiveMaster()).when(catchUp(at(days(1)))).thenNothing();
    });

    it('a scheduler that was down catches up every deadline in the order it fell due, each dated then', () => {
      const terms = masterTerms({ expiresAt: addDays(T0, 200), renewalTermDays: 100 });
      const events = spec.given(...aSignedContract({ terms })).when(catchUp(addDays(T0, 320))).events;
      expect(events.map((e) => [e.type, e.occurredAt])).toEqual([
        ['ContractActivated', T0],
        ['RenewalWindowOpened', addDays(T0, 80)],
        ['RenewalDecisionDue', addDays(T0, 140)],
        ['ContractRenewed', addDays(T0, 200)],
        ['RenewalWindowOpened', addDays(T0, 200)],
        ['RenewalDecisionDue', addDays(T0, 240)],
        ['ContractRenewed', addDays(T0, 300)],
        ['RenewalWindowOpened', addDays(T0, 300)],
      ]);
    });

    it('deadlines of different kinds interleave chronologically', () => {
      const withEscalation = runContract([{ type: 'RaiseEscalation', actorId: RECORDER, occurredAt: addDays(EXPIRY, -122), escalationId: 'esc-1', subject: 'x' }], contractContext(), anActiveMaster());
      const events = spec.given(...withEscalation).when(catchUp(addDays(EXPIRY, -100))).events;
      expect(events.map((e) => e.type)).toEqual(['EscalationEscalated', 'RenewalWindowOpened', 'EscalationEscalated']);
    });

    it('a deadline with nothing to do (an addendum waiting for its master) is skipped, not retried forever', () => {
      const master = contractContext({ master: masterView(contractStateOf(aSignedContract())) });
      const addendum = aSignedContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ effectiveFrom: at(-days(5)) }), masterContractId: MSA_ID, context: master });
      spec.given(...addendum).when(catchUp(at(-days(1))), master).thenNothing();
    });
  });
});
