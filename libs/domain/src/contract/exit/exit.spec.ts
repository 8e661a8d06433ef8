import { deciderSpec } from '@covenant/testing/given-when-then';
import { addendumContext, addendumTerms, ADDENDUM_ID, aDraftedMaster, anActiveContract, anActiveMaster, at, contractContext, contractStateOf, days, masterTerms, MSA_ID, PEOPLE, RECORDER, runContract } from '@covenant/testing/builders';
import { addDays, addMs } from '../../shared/time';
import { masterView } from '../contract.context';
import { ContractCommand } from '../contract.commands';
import { contractDecider } from '../contract.decider';
import { ContractEvent, contractEvent } from '../contract.events';
import { ExitStep } from '../contract.state';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const NOTICE = at(days(100));
const EFFECTIVE = addDays(NOTICE, 90);
const plan: ExitStep[] = [
  { stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks and shadowing', dueAt: addDays(NOTICE, 60), ownerPartyId: 'globex' },
  { stepId: 'data', kind: 'data-return', description: 'Return customer data', dueAt: EFFECTIVE, ownerPartyId: 'globex' },
];
const terminate = (over: Partial<Extract<ContractCommand, { type: 'TerminateContract' }>> = {}): ContractCommand => ({
  type: 'TerminateContract',
  actorId: PEOPLE.erin.personId,
  occurredAt: NOTICE,
  reason: 'convenience',
  grounds: 'strategy change',
  effectiveAt: EFFECTIVE,
  exitPlan: plan,
  ...over,
});
const terminated = (): ContractEvent[] => runContract([terminate()], contractContext(), anActiveMaster());
const complete = (stepId: string, occurredAt: string): ContractCommand => ({ type: 'CompleteExitStep', actorId: RECORDER, occurredAt, stepId });
const close = (occurredAt: string): ContractCommand => ({ type: 'CloseContract', actorId: RECORDER, occurredAt });
const allDone = (): ContractEvent[] => runContract([complete('kt', addDays(NOTICE, 30)), complete('data', addDays(NOTICE, 80))], contractContext(), terminated());

describe('Exit protocol', () => {
  describe('TerminateContract', () => {
    it('termination needs an exit plan; the contract enters its exit protocol', () => {
      spec
        .given(...anActiveMaster())
        .when(terminate())
        .then(contractEvent('ContractTerminated', { contractId: MSA_ID, reason: 'convenience', grounds: 'strategy change', effectiveAt: EFFECTIVE, exitPlan: plan }));
      expect(contractStateOf(terminated()).status).toBe('exiting');
    });
    it('termination needs an exit plan with steps', () => {
      spec.given(...anActiveMaster()).when(terminate({ exitPlan: [] })).thenError('EXIT.PLAN_REQUIRED');
    });
    it('the notice period is respected: a termination for convenience takes effect a full notice period after notice, not one millisecond sooner', () => {
      spec.given(...anActiveMaster()).when(terminate({ effectiveAt: addMs(EFFECTIVE, -1) })).thenError('TERMINATION.NOTICE_PERIOD');
    });
    it('a termination for cause may take effect at once, never retroactively', () => {
      spec.given(...anActiveMaster()).when(terminate({ reason: 'cause', effectiveAt: NOTICE })).thenIncludes(contractEvent('ContractTerminated', { contractId: MSA_ID, reason: 'cause', grounds: 'strategy change', effectiveAt: NOTICE, exitPlan: plan }));
      spec.given(...anActiveMaster()).when(terminate({ reason: 'cause', effectiveAt: addMs(NOTICE, -1) })).thenError('TERMINATION.NOTICE_PERIOD');
    });
    it('termination rights come from the terms', () => {
      const active = anActiveContract({ terms: masterTerms({ termination: { forConvenience: false, forCause: true } }) });
      spec.given(...active).when(terminate()).thenError('TERMINATION.RIGHT_NOT_GRANTED');
    });
    it('a termination effective at expiry is a non-renewal, not a termination', () => {
      spec.given(...anActiveMaster()).when(terminate({ effectiveAt: masterTerms().expiresAt })).thenError('TERMINATION.AFTER_EXPIRY');
    });
    it('termination is an executive decision on an active contract', () => {
      spec.given(...anActiveMaster()).when(terminate({ actorId: PEOPLE.carol.personId })).thenError('GOVERNANCE.NO_DECISION_RIGHT');
      spec.given(...aDraftedMaster()).when(terminate()).thenError('CONTRACT.NOT_ACTIVE');
      spec.given(...terminated()).when(terminate()).thenError('CONTRACT.NOT_ACTIVE');
    });
    it('exit steps are due after the notice and owned by a contract party', () => {
      spec.given(...anActiveMaster()).when(terminate({ exitPlan: [{ ...plan[0], dueAt: addMs(NOTICE, -1) }] })).thenError('COMMAND.INVALID');
      spec.given(...anActiveMaster()).when(terminate({ exitPlan: [{ ...plan[0], ownerPartyId: 'initech' }] })).thenError('CONTRACT.UNKNOWN_PARTY');
      spec.given(...anActiveMaster()).when(terminate({ exitPlan: [plan[0], plan[0]] })).thenError('COMMAND.INVALID');
    });
  });

  describe('TerminateWithMaster', () => {
    const follow: ContractCommand = { type: 'TerminateWithMaster', actorId: 'system:process-manager', occurredAt: at(days(101)) };
    const addendum = () => anActiveContract({ contractId: ADDENDUM_ID, terms: addendumTerms(), masterContractId: MSA_ID, context: addendumContext() });
    it("a master's termination terminates its addenda on the same date, their exit covered by the master's plan", () => {
      spec
        .given(...addendum())
        .when(follow, addendumContext(terminated()))
        .then(contractEvent('ContractTerminated', { contractId: ADDENDUM_ID, reason: 'master-terminated', grounds: `master agreement ${MSA_ID} terminated`, effectiveAt: EFFECTIVE, exitPlan: [], masterContractId: MSA_ID }));
    });
    it('an addendum follows only a terminated master', () => {
      spec.given(...addendum()).when(follow, addendumContext()).thenError('ADDENDUM.MASTER_NOT_TERMINATED');
      spec.given(...anActiveMaster()).when(follow).thenError('ADDENDUM.MASTER_REQUIRED');
    });
    it('an addendum exiting with its master closes when the master closes', () => {
      const following = runContract([follow], addendumContext(terminated()), addendum());
      spec.given(...following).when(close(EFFECTIVE), addendumContext(terminated())).thenError('ADDENDUM.MASTER_NOT_CLOSED');
      const closedMaster = runContract([close(EFFECTIVE)], contractContext(), allDone());
      spec.given(...following).when(close(EFFECTIVE), contractContext({ master: masterView(contractStateOf(closedMaster)) })).then(contractEvent('ContractClosed', { contractId: ADDENDUM_ID }));
    });
  });

  describe('CompleteExitStep', () => {
    const completed = (late: boolean) => contractEvent('ExitStepCompleted', { contractId: MSA_ID, stepId: 'kt', late });
    it('exit step due date: done one millisecond before it is on time, exactly at it is late', () => {
      spec.given(...terminated()).when(complete('kt', addMs(plan[0].dueAt, -1))).then(completed(false));
      spec.given(...terminated()).when(complete('kt', plan[0].dueAt)).then(completed(true));
    });
    it('a step is completed once, and must be in the plan', () => {
      const once = runContract([complete('kt', addDays(NOTICE, 1))], contractContext(), terminated());
      spec.given(...once).when(complete('kt', addDays(NOTICE, 2))).thenError('EXIT.STEP_ALREADY_COMPLETED');
      spec.given(...terminated()).when(complete('nope', addDays(NOTICE, 2))).thenError('EXIT.STEP_NOT_FOUND');
    });
    it('steps exist only in exit', () => {
      spec.given(...anActiveMaster()).when(complete('kt', NOTICE)).thenError('CONTRACT.NOT_EXITING');
    });
  });

  describe('MarkOverdueExitSteps', () => {
    const tick = (now: string): ContractCommand => ({ type: 'MarkOverdueExitSteps', actorId: 'system:scheduler', now });
    const overdue = contractEvent('ExitStepOverdue', { contractId: MSA_ID, stepId: 'kt', dueAt: plan[0].dueAt }, plan[0].dueAt);
    it('exit step due date: nothing one millisecond before; overdue exactly at it, dated then, once; done steps never', () => {
      spec.given(...terminated()).when(tick(addMs(plan[0].dueAt, -1))).thenNothing();
      spec.given(...terminated()).when(tick(plan[0].dueAt)).then(overdue);
      spec.given(...terminated()).when(tick(addMs(plan[0].dueAt, 1))).then(overdue);
      spec.given(...terminated(), overdue).when(tick(addMs(plan[0].dueAt, 2))).thenNothing();
      const done = runContract([complete('kt', addDays(NOTICE, 1))], contractContext(), terminated());
      spec.given(...done).when(tick(addMs(plan[0].dueAt, 1))).thenNothing();
    });
  });

  describe('CloseContract', () => {
    it('closing needs every step done and the termination in effect (exactly at the effective date is fine)', () => {
      spec.given(...allDone()).when(close(EFFECTIVE)).then(contractEvent('ContractClosed', { contractId: MSA_ID }));
      spec.given(...allDone()).when(close(addMs(EFFECTIVE, -1))).thenError('TERMINATION.NOT_EFFECTIVE');
    });
    it('closing needs every exit step done', () => {
      spec.given(...terminated()).when(close(EFFECTIVE)).thenError('EXIT.STEPS_OUTSTANDING', { outstanding: ['kt', 'data'] });
    });
    it('only a contract in exit closes', () => {
      spec.given(...anActiveMaster()).when(close(EFFECTIVE)).thenError('CONTRACT.NOT_EXITING');
    });
  });
});
