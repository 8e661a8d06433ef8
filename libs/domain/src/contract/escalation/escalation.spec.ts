import { deciderSpec } from '@covenant/testing/given-when-then';
import { aDraftedMaster, anActiveContract, anActiveMaster, at, contractContext, days, hours, masterTerms, MSA_ID, PEOPLE, RECORDER, runContract } from '@covenant/testing/builders';
import { addHours, addMs } from '../../shared/time';
import { contractDecider } from '../contract.decider';
import { contractEvent } from '../contract.events';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const RAISED_AT = at(days(3)); // Thursday 09:00
const DUE_1 = addHours(RAISED_AT, 24);
const raise = { type: 'RaiseEscalation' as const, actorId: RECORDER, occurredAt: RAISED_AT, escalationId: 'esc-1', subject: 'Invoices rejected twice', relatesTo: { kind: 'other' as const } };
const raised = () => runContract([raise], contractContext(), anActiveMaster());
const resolve = (actorId: string, occurredAt: string) => ({ type: 'ResolveEscalation' as const, actorId, occurredAt, escalationId: 'esc-1', resolution: 'Invoice format fixed' });
const tick = (now: string) => ({ type: 'EscalateOverdue' as const, actorId: 'system:scheduler', now });
const auto = (fromLevel: number, toLevel: number, tier: 'steering' | 'executive', missed: string, windowHours: number) =>
  contractEvent(
    'EscalationEscalated',
    { contractId: MSA_ID, escalationId: 'esc-1', fromLevel, toLevel, tier, dueAt: addHours(missed, windowHours), automatic: true, reason: `level ${fromLevel} response deadline ${missed} passed` },
    missed,
  );
const DUE_2 = addHours(DUE_1, 72);

describe('Escalation ladder', () => {
  describe('RaiseEscalation', () => {
    it('an escalation starts at level 1, owned by the operational team, due in 24 hours', () => {
      spec
        .given(...anActiveMaster())
        .when(raise)
        .then(contractEvent('EscalationRaised', { contractId: MSA_ID, escalationId: 'esc-1', subject: 'Invoices rejected twice', level: 1, tier: 'operational', dueAt: DUE_1, relatesTo: { kind: 'other' } }));
    });
    it('levels and response windows come from the contract', () => {
      const terms = masterTerms({ escalation: { levels: [{ level: 1, tier: 'steering', responseHours: 4 }, { level: 2, tier: 'executive', responseHours: 48 }] } });
      const events = spec.given(...anActiveContract({ terms })).when(raise).events;
      expect(events[0].data).toMatchObject({ level: 1, tier: 'steering', dueAt: addHours(RAISED_AT, 4) });
    });
    it('an escalation is raised on a contract in force', () => {
      spec.given(...aDraftedMaster()).when(raise).thenError('CONTRACT.NOT_ACTIVE');
    });
    it('an escalation id is used once', () => {
      spec.given(...raised()).when(raise).thenError('ESCALATION.ALREADY_EXISTS');
    });
  });

  describe('ResolveEscalation', () => {
    const resolved = (level: number, tier: string, withinDeadline = true) =>
      contractEvent('EscalationResolved', { contractId: MSA_ID, escalationId: 'esc-1', level, tier: tier as 'operational', resolution: 'Invoice format fixed', withinDeadline });

    it('the owning tier resolves the escalation within its window', () => {
      spec.given(...raised()).when(resolve(PEOPLE.bob.personId, at(hours(2), RAISED_AT))).then(resolved(1, 'operational'));
    });
    it('escalation deadline: one millisecond before the deadline level 1 still resolves; exactly at it, the escalation is at level 2 and needs the steering committee', () => {
      spec.given(...raised()).when(resolve(PEOPLE.alice.personId, addMs(DUE_1, -1))).then(resolved(1, 'operational'));
      spec.given(...raised()).when(resolve(PEOPLE.alice.personId, DUE_1)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...raised()).when(resolve(PEOPLE.carol.personId, DUE_1)).then(auto(1, 2, 'steering', DUE_1, 72), resolved(2, 'steering'));
    });
    it('resolution only by the owning tier or above: an executive resolves a level-1 escalation; someone with no seat cannot', () => {
      spec.given(...raised()).when(resolve(PEOPLE.frank.personId, RAISED_AT)).then(resolved(1, 'operational'));
      spec.given(...raised()).when(resolve('mallory', RAISED_AT)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('a resolution at the last level after its deadline is recorded as late', () => {
      const atTop = runContract([tick(at(days(30)))], contractContext(), raised());
      spec.given(...atTop).when(resolve(PEOPLE.erin.personId, at(days(30)))).thenIncludes(resolved(3, 'executive', false));
    });
    it('a resolved escalation is not resolved again; an unknown one is not found', () => {
      const done = runContract([resolve(PEOPLE.bob.personId, RAISED_AT)], contractContext(), raised());
      spec.given(...done).when(resolve(PEOPLE.bob.personId, RAISED_AT)).thenError('ESCALATION.ALREADY_RESOLVED');
      spec.given(...anActiveMaster()).when(resolve(PEOPLE.bob.personId, RAISED_AT)).thenError('ESCALATION.NOT_FOUND');
    });
  });

  describe('EscalateEscalation (manual)', () => {
    const escalate = (actorId: string, occurredAt = at(hours(1), RAISED_AT)) => ({ type: 'EscalateEscalation' as const, actorId, occurredAt, escalationId: 'esc-1', reason: 'needs a budget decision' });
    it('the owning tier moves an escalation up one level, with the next window from then', () => {
      spec
        .given(...raised())
        .when(escalate(PEOPLE.alice.personId))
        .then(
          contractEvent('EscalationEscalated', {
            contractId: MSA_ID,
            escalationId: 'esc-1',
            fromLevel: 1,
            toLevel: 2,
            tier: 'steering',
            dueAt: addHours(at(hours(1), RAISED_AT), 72),
            automatic: false,
            reason: 'needs a budget decision',
          }),
        );
    });
    it('someone without the owning tier cannot escalate', () => {
      spec.given(...raised()).when(escalate('mallory')).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('the last level has nowhere to go', () => {
      const atTop = runContract([escalate(PEOPLE.alice.personId), escalate(PEOPLE.carol.personId, at(hours(2), RAISED_AT))], contractContext(), raised());
      spec.given(...atTop).when(escalate(PEOPLE.erin.personId, at(hours(3), RAISED_AT))).thenError('ESCALATION.AT_TOP_LEVEL');
    });
  });

  describe('EscalateOverdue', () => {
    it('escalation deadline: nothing one millisecond before; exactly at the deadline it moves up by itself, dated at the deadline, not at the tick', () => {
      spec.given(...raised()).when(tick(addMs(DUE_1, -1))).thenNothing();
      spec.given(...raised()).when(tick(DUE_1)).then(auto(1, 2, 'steering', DUE_1, 72));
      spec.given(...raised()).when(tick(at(hours(5), DUE_1))).then(auto(1, 2, 'steering', DUE_1, 72));
    });
    it('a late scheduler catches up level by level, each step dated when it happened; the last level stays', () => {
      spec.given(...raised()).when(tick(at(days(30)))).then(auto(1, 2, 'steering', DUE_1, 72), auto(2, 3, 'executive', DUE_2, 168));
      const atTop = runContract([tick(at(days(30)))], contractContext(), raised());
      spec.given(...atTop).when(tick(at(days(60)))).thenNothing();
    });
    it('resolved escalations do not move', () => {
      const done = runContract([resolve(PEOPLE.bob.personId, RAISED_AT)], contractContext(), raised());
      spec.given(...done).when(tick(at(days(30)))).thenNothing();
    });
  });
});
