import { deciderSpec } from '@covenant/testing/given-when-then';
import {
  ACME,
  aDraftedContract,
  aDraftedMaster,
  addendumContext,
  addendumTerms,
  ADDENDUM_ID,
  anActiveMaster,
  aSignedContract,
  at,
  contractContext,
  contractStateOf,
  days,
  GLOBEX,
  masterTerms,
  MSA_ID,
  PARTNERSHIP_ID,
  RECORDER,
  runContract,
  T0,
} from '@covenant/testing/builders';
import { money } from '../../shared/money';
import { addDays } from '../../shared/time';
import { masterView } from '../contract.context';
import { contractDecider } from '../contract.decider';
import { ContractEvent, contractEvent } from '../contract.events';
import { ContractCommand } from '../contract.commands';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const rec = { actorId: RECORDER, occurredAt: at(-days(20)) };
const draft = { ...rec, type: 'DraftContract' as const, contractId: MSA_ID, partnershipId: PARTNERSHIP_ID, terms: masterTerms() };
const exitingMaster = () =>
  runContract(
    [{ type: 'TerminateContract', actorId: 'erin', occurredAt: at(days(10)), reason: 'mutual', grounds: 'merger', effectiveAt: at(days(40)), exitPlan: [{ stepId: 'kt', kind: 'knowledge-transfer', description: 'handover', dueAt: at(days(30)), ownerPartyId: 'globex' }] }],
    contractContext(),
    anActiveMaster(),
  );

describe('Contract lifecycle', () => {
  describe('DraftContract', () => {
    it('a master agreement is drafted with its full terms, money normalised to minor units', () => {
      const terms = masterTerms({ value: { amount: '1080000', currency: 'EUR' } });
      spec
        .given()
        .when({ ...draft, terms })
        .then(contractEvent('ContractDrafted', { contractId: MSA_ID, partnershipId: PARTNERSHIP_ID, terms: masterTerms() }));
    });
    it('a contract id is drafted once', () => {
      spec.given(...aDraftedMaster()).when(draft).thenError('CONTRACT.ALREADY_EXISTS');
    });
    it('terms that break a rule are rejected with every problem listed', () => {
      spec
        .given()
        .when({ ...draft, terms: masterTerms({ expiresAt: T0, parties: [ACME] }) })
        .thenError('CONTRACT.INVALID_TERMS', { errors: [expect.objectContaining({ field: 'parties' }), expect.objectContaining({ field: 'expiresAt' })] });
    });
    it('money is a decimal string in an ISO 4217 currency, all in the contract currency', () => {
      spec.given().when({ ...draft, terms: masterTerms({ value: { amount: '1e6', currency: 'EUR' } }) }).thenError('CONTRACT.INVALID_TERMS');
      spec.given().when({ ...draft, terms: masterTerms({ value: money('1000.00', 'USD') }) }).thenError('CONTRACT.INVALID_TERMS');
    });
    it('every contract party is a party of the partnership', () => {
      spec.given().when({ ...draft, terms: masterTerms({ parties: [ACME, { partyId: 'initech', name: 'Initech' }] }) }).thenError('PARTNERSHIP.UNKNOWN_PARTY');
    });
    it('the governance in the context must be the partnership of the contract', () => {
      spec.given().when({ ...draft, partnershipId: 'other' }).thenError('CONTEXT.MISMATCH');
    });
    it('an addendum can be drafted straight onto its master', () => {
      spec
        .given()
        .when({ ...draft, contractId: ADDENDUM_ID, terms: addendumTerms(), masterContractId: MSA_ID }, addendumContext())
        .then(
          contractEvent('ContractDrafted', { contractId: ADDENDUM_ID, partnershipId: PARTNERSHIP_ID, terms: addendumTerms() }),
          contractEvent('AddendumAttached', { contractId: ADDENDUM_ID, masterContractId: MSA_ID }),
        );
    });
  });

  describe('ReviseDraft', () => {
    it('before anyone signs, a draft is revised and the event holds the exact diff', () => {
      spec
        .given(...aDraftedMaster())
        .when({ ...rec, type: 'ReviseDraft', terms: masterTerms({ noticePeriodDays: 60 }) })
        .then(contractEvent('DraftRevised', { contractId: MSA_ID, diff: [{ path: '/noticePeriodDays', before: 90, after: 60 }] }));
    });
    it('revising to the same terms records nothing', () => {
      spec.given(...aDraftedMaster()).when({ ...rec, type: 'ReviseDraft', terms: masterTerms() }).thenNothing();
    });
    it('a signed draft is not revised (signatures would no longer match)', () => {
      const oneSignature = aSignedContract().slice(0, 2);
      spec.given(...oneSignature).when({ ...rec, type: 'ReviseDraft', terms: masterTerms({ noticePeriodDays: 60 }) }).thenError('CONTRACT.SIGNATURES_PRESENT');
    });
    it('only a draft is revised', () => {
      spec.given(...anActiveMaster()).when({ ...rec, type: 'ReviseDraft', terms: masterTerms() }).thenError('CONTRACT.NOT_DRAFT');
    });
  });

  describe('AttachAddendum', () => {
    const attach = { ...rec, type: 'AttachAddendum' as const, masterContractId: MSA_ID };
    const addendumDraft = () => aDraftedContract({ contractId: ADDENDUM_ID, terms: addendumTerms() });

    it('an addendum attaches to a master of the same partnership', () => {
      spec.given(...addendumDraft()).when(attach, addendumContext()).then(contractEvent('AddendumAttached', { contractId: ADDENDUM_ID, masterContractId: MSA_ID }));
    });
    it('an addendum attaches to a master, not to another addendum', () => {
      const master = { ...masterView(contractStateOf(anActiveMaster())), kind: 'addendum' as const };
      spec.given(...addendumDraft()).when(attach, contractContext({ master })).thenError('ADDENDUM.MASTER_IS_ADDENDUM');
    });
    it('an addendum attaches to a master of the same partnership only', () => {
      const master = { ...masterView(contractStateOf(anActiveMaster())), partnershipId: 'other' };
      spec.given(...addendumDraft()).when(attach, contractContext({ master })).thenError('ADDENDUM.PARTNERSHIP_MISMATCH');
    });
    it('an addendum does not attach to a master in exit', () => {
      spec.given(...addendumDraft()).when(attach, addendumContext(exitingMaster())).thenError('ADDENDUM.MASTER_NOT_IN_FORCE');
    });
    it('an addendum cannot outlive its master: expiring exactly with the master is fine, one millisecond later is not', () => {
      const masterExpiry = masterTerms().expiresAt;
      const same = aDraftedContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ expiresAt: masterExpiry }) });
      spec.given(...same).when(attach, addendumContext()).then(contractEvent('AddendumAttached', { contractId: ADDENDUM_ID, masterContractId: MSA_ID }));
      const later = aDraftedContract({ contractId: ADDENDUM_ID, terms: addendumTerms({ expiresAt: at(1, masterExpiry) }) });
      spec.given(...later).when(attach, addendumContext()).thenError('ADDENDUM.OUTLIVES_MASTER');
    });
    it('the master must be in the context, and be the one named', () => {
      spec.given(...addendumDraft()).when(attach, contractContext()).thenError('ADDENDUM.MASTER_REQUIRED');
      spec.given(...addendumDraft()).when({ ...attach, masterContractId: 'msa-other' }, addendumContext()).thenError('CONTEXT.MISMATCH');
    });
    it('an addendum attaches once, before signatures', () => {
      const attached = runContract([attach], addendumContext(), addendumDraft());
      spec.given(...attached).when(attach, addendumContext()).thenError('CONTRACT.ALREADY_ATTACHED');
    });
  });

  describe('SignContract', () => {
    const sign = (partyId: string, occurredAt: string) => ({ type: 'SignContract' as const, actorId: RECORDER, occurredAt, partyId, signatoryName: 'Signatory' });

    it('each party signs once', () => {
      spec.given(...aDraftedMaster()).when(sign(ACME.partyId, at(-days(10)))).then(contractEvent('ContractSigned', { contractId: MSA_ID, partyId: ACME.partyId, signatoryName: 'Signatory' }));
      const signed = runContract([sign(ACME.partyId, at(-days(10)))], contractContext(), aDraftedMaster());
      spec.given(...signed).when(sign(ACME.partyId, at(-days(9)))).thenError('CONTRACT.ALREADY_SIGNED');
    });
    it('only a party of the contract signs', () => {
      spec.given(...aDraftedMaster()).when(sign('initech', T0)).thenError('CONTRACT.UNKNOWN_PARTY');
    });
    it('the last signature before the effective date leaves the contract signed, waiting', () => {
      expect(contractStateOf(aSignedContract()).status).toBe('signed');
    });
    it('the last signature on or after the effective date activates the contract at once', () => {
      const first = runContract([sign(ACME.partyId, at(-days(10)))], contractContext(), aDraftedMaster());
      spec
        .given(...first)
        .when(sign(GLOBEX.partyId, T0))
        .then(
          contractEvent('ContractSigned', { contractId: MSA_ID, partyId: GLOBEX.partyId, signatoryName: 'Signatory' }),
          contractEvent('ContractActivated', { contractId: MSA_ID, effectiveFrom: T0, expiresAt: masterTerms().expiresAt }, T0),
        );
    });
    it('an active contract is not signed again', () => {
      spec.given(...anActiveMaster()).when(sign(ACME.partyId, T0)).thenError('CONTRACT.NOT_DRAFT');
    });
    it('an addendum is not signed once its master is in exit', () => {
      const addendum = runContract([{ ...draft, contractId: ADDENDUM_ID, terms: addendumTerms(), masterContractId: MSA_ID }], addendumContext());
      spec.given(...addendum).when(sign(ACME.partyId, T0), addendumContext(exitingMaster())).thenError('ADDENDUM.MASTER_NOT_IN_FORCE');
    });
  });

  describe('ActivateContract / ActivateIfDue', () => {
    const activate = (occurredAt: string) => ({ type: 'ActivateContract' as const, actorId: RECORDER, occurredAt });
    const tick = (now: string) => ({ type: 'ActivateIfDue' as const, actorId: 'system:scheduler', now });
    const activated = contractEvent('ContractActivated', { contractId: MSA_ID, effectiveFrom: T0, expiresAt: masterTerms().expiresAt }, T0);

    it('active needs every signature', () => {
      spec.given(...aDraftedMaster()).when(activate(T0)).thenError('CONTRACT.NOT_SIGNED');
    });
    it('active needs the effective date: exactly at it activates, one millisecond before does not', () => {
      spec.given(...aSignedContract()).when(activate(at(-1))).thenError('CONTRACT.NOT_YET_EFFECTIVE');
      spec.given(...aSignedContract()).when(activate(T0)).then(activated);
    });
    it('an active contract is not activated again', () => {
      spec.given(...anActiveMaster()).when(activate(T0)).thenError('CONTRACT.ALREADY_ACTIVE');
    });
    it('the scheduler activates at the effective date, dated then even when it runs late', () => {
      spec.given(...aSignedContract()).when(tick(at(-1))).thenNothing();
      spec.given(...aSignedContract()).when(tick(T0)).then(activated);
      spec.given(...aSignedContract()).when(tick(at(days(2)))).then(activated);
    });
    it('the scheduler does nothing for contracts not waiting for activation', () => {
      spec.given(...aDraftedMaster()).when(tick(at(days(2)))).thenNothing();
      spec.given(...anActiveMaster()).when(tick(at(days(2)))).thenNothing();
    });
    it('a contract that starts inside its renewal window opens it on activation', () => {
      const short = masterTerms({ expiresAt: addDays(T0, 90) });
      const events = spec.given(...aSignedContract({ terms: short })).when(tick(T0)).events;
      expect(events.map((e) => e.type)).toEqual(['ContractActivated', 'RenewalWindowOpened']);
      expect(events[1].occurredAt).toBe(T0);
    });
    it('an addendum becomes active only with its master, dated at the later of the two', () => {
      const terms = addendumTerms({ effectiveFrom: at(-days(5)) });
      const signedAddendum = aSignedContract({ contractId: ADDENDUM_ID, terms, masterContractId: MSA_ID, context: addendumContext() });
      const signedMasterCtx = contractContext({ master: masterView(contractStateOf(aSignedContract())) });
      spec.given(...signedAddendum).when(tick(at(-days(1))), signedMasterCtx).thenNothing();
      spec.given(...signedAddendum).when(activate(at(-days(1))), signedMasterCtx).thenError('ADDENDUM.MASTER_NOT_ACTIVE');
      spec
        .given(...signedAddendum)
        .when(tick(at(days(1))), addendumContext())
        .then(contractEvent('ContractActivated', { contractId: ADDENDUM_ID, effectiveFrom: terms.effectiveFrom, expiresAt: terms.expiresAt }, T0));
    });
  });

  describe('contract lifecycle: draft → signed by each party → active → renewal window → renewed, or declined → expired; or terminated → exiting → closed', () => {
    const exp = masterTerms().expiresAt;
    const people = { exec: 'erin', rec: RECORDER };
    const c = {
      sign: { type: 'SignContract', actorId: people.rec, occurredAt: T0, partyId: ACME.partyId, signatoryName: 'x' },
      revise: { type: 'ReviseDraft', actorId: people.rec, occurredAt: T0, terms: masterTerms({ noticePeriodDays: 1 }) },
      activate: { type: 'ActivateContract', actorId: people.rec, occurredAt: T0 },
      change: { type: 'RequestChange', actorId: people.rec, occurredAt: at(days(500)), changeId: 'c', title: 't', rationale: 'r', proposedLevel: 'minor', costImpact: money('0', 'EUR'), proposedTerms: { title: 'x' } },
      terminate: { type: 'TerminateContract', actorId: people.exec, occurredAt: at(days(500)), reason: 'cause', grounds: 'g', effectiveAt: at(days(500)), exitPlan: [{ stepId: 's', kind: 'other', description: 'd', dueAt: at(days(510)), ownerPartyId: 'acme' }] },
      renew: { type: 'RenewContract', actorId: people.exec, occurredAt: addDays(exp, -10) },
      decline: { type: 'DeclineRenewal', actorId: people.exec, occurredAt: at(days(500)), reason: 'r' },
      complete: { type: 'CompleteExitStep', actorId: people.rec, occurredAt: at(days(505)), stepId: 's' },
      close: { type: 'CloseContract', actorId: people.rec, occurredAt: at(days(520)) },
      escalate: { type: 'RaiseEscalation', actorId: people.rec, occurredAt: at(days(500)), escalationId: 'e', subject: 's' },
    } satisfies Record<string, ContractCommand>;
    const declinedThenExpired = runContract([c.decline, { type: 'ProcessExpiry', actorId: 'system:scheduler', now: exp }], contractContext(), anActiveMaster());
    const exiting = runContract([c.terminate], contractContext(), anActiveMaster());
    const closed = runContract([c.complete, c.close], contractContext(), exiting);

    it('walks through every status', () => {
      expect(contractStateOf([]).status).toBe('none');
      expect(contractStateOf(aDraftedMaster()).status).toBe('draft');
      expect(contractStateOf(aSignedContract().slice(0, 2)).status).toBe('draft');
      expect(contractStateOf(aSignedContract()).status).toBe('signed');
      expect(contractStateOf(anActiveMaster()).status).toBe('active');
      const renewed = runContract([{ type: 'OpenDueRenewalWindows', actorId: 'system:scheduler', now: addDays(exp, -60) }, c.renew], contractContext(), anActiveMaster());
      expect(contractStateOf(renewed)).toMatchObject({ status: 'active', terms: { expiresAt: addDays(exp, 365) }, renewal: { phase: 'pending', renewals: 1 } });
      expect(contractStateOf(declinedThenExpired).status).toBe('expired');
      expect(contractStateOf(exiting).status).toBe('exiting');
      expect(contractStateOf(closed).status).toBe('closed');
    });

    it.each([
      ['none', [], c.sign, 'CONTRACT.NOT_FOUND'],
      ['none', [], c.activate, 'CONTRACT.NOT_FOUND'],
      ['none', [], c.change, 'CONTRACT.NOT_FOUND'],
      ['draft', aDraftedMaster(), c.change, 'CONTRACT.NOT_ACTIVE'],
      ['draft', aDraftedMaster(), c.terminate, 'CONTRACT.NOT_ACTIVE'],
      ['draft', aDraftedMaster(), c.renew, 'CONTRACT.NOT_ACTIVE'],
      ['draft', aDraftedMaster(), c.close, 'CONTRACT.NOT_EXITING'],
      ['signed', aSignedContract(), c.revise, 'CONTRACT.NOT_DRAFT'],
      ['signed', aSignedContract(), c.sign, 'CONTRACT.NOT_DRAFT'],
      ['signed', aSignedContract(), c.change, 'CONTRACT.NOT_ACTIVE'],
      ['active', anActiveMaster(), c.sign, 'CONTRACT.NOT_DRAFT'],
      ['active', anActiveMaster(), c.activate, 'CONTRACT.ALREADY_ACTIVE'],
      ['active', anActiveMaster(), c.complete, 'CONTRACT.NOT_EXITING'],
      ['exiting', exiting, c.change, 'CONTRACT.NOT_ACTIVE'],
      ['exiting', exiting, c.terminate, 'CONTRACT.NOT_ACTIVE'],
      ['exiting', exiting, c.decline, 'CONTRACT.NOT_ACTIVE'],
      ['expired', declinedThenExpired, c.change, 'CONTRACT.NOT_ACTIVE'],
      ['expired', declinedThenExpired, c.terminate, 'CONTRACT.NOT_ACTIVE'],
      ['expired', declinedThenExpired, c.escalate, 'CONTRACT.NOT_ACTIVE'],
      ['expired', declinedThenExpired, c.close, 'CONTRACT.NOT_EXITING'],
      ['closed', closed, c.complete, 'CONTRACT.NOT_EXITING'],
      ['closed', closed, c.close, 'CONTRACT.NOT_EXITING'],
      ['closed', closed, c.renew, 'CONTRACT.NOT_ACTIVE'],
    ] as Array<[string, ContractEvent[], ContractCommand, string]>)('an illegal transition from %s (%#) is rejected with a stable code', (_status, given, command, code) => {
      spec.given(...given).when(command).thenError(code);
    });
  });
});
