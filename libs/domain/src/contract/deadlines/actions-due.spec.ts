import { anActiveMaster, at, contractContext, contractStateOf, days, masterTerms, PEOPLE, RECORDER, runContract } from '@covenant/testing/builders';
import { addDays, addHours } from '../../shared/time';
import { ContractCommand } from '../contract.commands';
import { actionsDue } from './actions-due';

const EXPIRY = masterTerms().expiresAt;
const SCHED = 'system:scheduler';
const after = (commands: ContractCommand[]) => contractStateOf(runContract(commands, contractContext(), anActiveMaster()));
const raise: ContractCommand = { type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(1)), escalationId: 'esc-1', subject: 'late invoices' };

describe('Who must act by when (actionsDue)', () => {
  it('an open escalation asks the tier owning its level to respond by that level’s deadline, up to the executive tier at the top of the ladder', () => {
    expect(actionsDue(after([raise]))).toEqual([{ kind: 'escalation-response', ref: 'esc-1', deadline: addHours(at(days(1)), 24), tier: 'operational', partyId: null }]);
    const level2 = after([raise, { type: 'EscalateOverdue', actorId: SCHED, now: addHours(at(days(1)), 24) }]);
    expect(actionsDue(level2)).toEqual([{ kind: 'escalation-response', ref: 'esc-1', deadline: addHours(at(days(1)), 24 + 72), tier: 'steering', partyId: null }]);
    const level3 = after([raise, { type: 'EscalateOverdue', actorId: SCHED, now: at(days(30)) }]);
    expect(actionsDue(level3)).toEqual([{ kind: 'escalation-response', ref: 'esc-1', deadline: addHours(at(days(1)), 24 + 72 + 168), tier: 'executive', partyId: null }]);
  });

  it('a resolved escalation asks nothing of anyone', () => {
    expect(actionsDue(after([raise, { type: 'ResolveEscalation', actorId: PEOPLE.alice.personId, occurredAt: at(days(1) + 1000), escalationId: 'esc-1', resolution: 'fixed' }]))).toEqual([]);
  });

  it('the renewal decision is the executive sponsors’, due at the decision date, from the window’s opening until renewed', () => {
    expect(actionsDue(after([]))).toEqual([]);
    const open = after([{ type: 'OpenDueRenewalWindows', actorId: SCHED, now: addDays(EXPIRY, -120) }]);
    const due = { kind: 'renewal-decision', ref: null, deadline: addDays(EXPIRY, -60), tier: 'executive', partyId: null };
    expect(actionsDue(open)).toEqual([due]);
    const late = after([{ type: 'OpenDueRenewalWindows', actorId: SCHED, now: addDays(EXPIRY, -60) }]);
    expect(actionsDue(late)).toEqual([due]);
    expect(actionsDue(after([{ type: 'OpenDueRenewalWindows', actorId: SCHED, now: addDays(EXPIRY, -100) }, { type: 'RenewContract', actorId: PEOPLE.erin.personId, occurredAt: addDays(EXPIRY, -90) }]))).toEqual([]);
  });

  it('a collaborative review asks the tier deciding the change; a dispute asks the steering committee to have mediation held in time', () => {
    const state = after([
      { type: 'RequestChange', actorId: RECORDER, occurredAt: at(days(2)), changeId: 'ch-1', title: 'More capacity', rationale: 'growth', proposedLevel: 'significant', costImpact: { amount: '200000.00', currency: 'EUR' }, proposedTerms: { title: 'MSA+' } },
      { type: 'OpenDispute', actorId: PEOPLE.alice.personId, occurredAt: at(days(3)), disputeId: 'd-1', subject: 'CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex' },
    ]);
    expect(actionsDue(state)).toEqual([
      { kind: 'collaborative-review', ref: 'ch-1', deadline: at(days(16)), tier: 'steering', partyId: null },
      { kind: 'mediation-scheduling', ref: 'd-1', deadline: at(days(33)), tier: 'steering', partyId: null },
    ]);
  });

  it('an exit step asks the owning party’s operational team, overdue or not, until it is done', () => {
    const terminate: ContractCommand = {
      type: 'TerminateContract',
      actorId: PEOPLE.erin.personId,
      occurredAt: at(days(10)),
      reason: 'mutual',
      grounds: 'strategy',
      effectiveAt: at(days(100)),
      exitPlan: [{ stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks', dueAt: at(days(40)), ownerPartyId: 'globex' }],
    };
    const step = { kind: 'exit-step', ref: 'kt', deadline: at(days(40)), tier: 'operational', partyId: 'globex' };
    expect(actionsDue(after([terminate]))).toEqual([step]);
    expect(actionsDue(after([terminate, { type: 'MarkOverdueExitSteps', actorId: SCHED, now: at(days(41)) }]))).toEqual([step]);
    expect(actionsDue(after([terminate, { type: 'CompleteExitStep', actorId: RECORDER, occurredAt: at(days(30)), stepId: 'kt' }]))).toEqual([]);
  });
});
