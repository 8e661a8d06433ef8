import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { addendumTerms, ContractHttp, d, HASH_ACME, HASH_GLOBEX, masterTerms, PARTNERSHIP_ID, PEOPLE, RECORDER } from './test-support/contract-http';

const MSA = 'msa-acme-globex';
const ADD = 'addendum-analytics';
const LOG = 'addendum-logistics';
const { alice, bob, carol, dave, erin, frank } = PEOPLE;
const EUR = (amount: string) => ({ amount, currency: 'EUR' });
const hours = (n: number) => n * 3_600_000;
const later = (iso: string, h: number) => new Date(Date.parse(iso) + hours(h)).toISOString();

/**
 * One partnership's life over HTTP, every contract-side command a person sends, in business order:
 * each answers `{ id, version }` (the entity addressed next, the contract stream's version) with the ETag.
 */
describe.each(ENGINES)('a contract story over HTTP on %s', (engine) => {
  let t: TestApp;
  let c: ContractHttp;
  let store: EventStore;
  const last: Record<string, number> = {};
  /** Posts, expects `id`, and that the contract's version moved forward. */
  const step = async (contractId: string, path: string, body: object, actor: string, id: string, status = 200) => {
    const res = await c.accepted(path, body, actor, status);
    expect(res.id).toBe(id);
    expect(res.version).toBeGreaterThan(last[contractId] ?? -1);
    last[contractId] = res.version;
    return res;
  };
  const refused = async (path: string, body: object, actor: string, status: number, code: string) => {
    const before = await store.headPosition();
    const res = await c.post(path, body, actor, status);
    expect(res.body.code).toBe(code);
    expect(await store.headPosition()).toBe(before);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    c = new ContractHttp(t.app);
    store = t.app.get(EVENT_STORE);
    await c.partnership();
  });
  afterAll(async () => t?.close());

  it('drafts, revises, signs and activates the master, then drafts an addendum on it', async () => {
    expect(await step(MSA, '/contracts', { contractId: MSA, partnershipId: PARTNERSHIP_ID, terms: { ...masterTerms(), noticePeriodDays: 60 }, occurredAt: d(-20) }, RECORDER, MSA, 201)).toEqual({ id: MSA, version: 0 });
    await step(MSA, `/contracts/${MSA}/revision`, { terms: masterTerms({ coordinationLinks: [ADD] }), occurredAt: d(-19) }, RECORDER, MSA);
    await step(MSA, `/contracts/${MSA}/signatures`, { partyId: 'acme', signatoryName: 'Erin Exec', occurredAt: d(-10) }, RECORDER, MSA);
    await step(MSA, `/contracts/${MSA}/signatures`, { partyId: 'globex', signatoryName: 'Frank Exec', occurredAt: d(-9) }, RECORDER, MSA);
    await refused(`/contracts/${MSA}/activation`, { occurredAt: d(-1) }, RECORDER, 409, 'CONTRACT.NOT_YET_EFFECTIVE');
    await step(MSA, `/contracts/${MSA}/activation`, { occurredAt: d(0) }, RECORDER, MSA);

    await step(ADD, '/contracts', { contractId: ADD, partnershipId: PARTNERSHIP_ID, masterContractId: MSA, terms: addendumTerms(), occurredAt: d(1) }, RECORDER, ADD, 201);
    await step(ADD, `/contracts/${ADD}/signatures`, { partyId: 'acme', signatoryName: 'Carol Steer', occurredAt: d(2) }, RECORDER, ADD);
    await step(ADD, `/contracts/${ADD}/signatures`, { partyId: 'globex', signatoryName: 'Dave Steer', occurredAt: d(3) }, RECORDER, ADD);
  });

  // AttachAddendum on an existing standalone draft: the gateway loads the master named by the command.
  it('attaches a standalone draft to the master as an addendum', async () => {
    await step(LOG, '/contracts', { contractId: LOG, partnershipId: PARTNERSHIP_ID, terms: { ...addendumTerms(), title: 'Logistics Addendum' }, occurredAt: d(4) }, RECORDER, LOG, 201);
    await step(LOG, `/contracts/${LOG}/attachment`, { masterContractId: MSA, occurredAt: d(5) }, RECORDER, LOG);
  });

  it('records SLA measurements, a reported breach and a credit waived by the steering committee only', async () => {
    await step(MSA, `/contracts/${MSA}/sla-measurements`, { measurementId: 'm-1', slaId: 'availability', value: '99.95', occurredAt: d(7) }, RECORDER, 'm-1', 201);
    await step(MSA, `/contracts/${MSA}/sla-measurements`, { measurementId: 'm-2', slaId: 'availability', value: '99.50', occurredAt: d(8) }, RECORDER, 'm-2', 201);
    await step(MSA, `/contracts/${MSA}/sla-breaches`, { breachId: 'r-1', slaId: 'p1-response', description: 'P1 #4711 answered after 2 hours', value: '120', occurredAt: d(9) }, RECORDER, 'r-1', 201);
    await refused(`/contracts/${MSA}/sla-breaches/m-2/credit-waiver`, { reason: 'goodwill', occurredAt: d(9) }, alice.personId, 403, 'GOVERNANCE.NO_DECISION_RIGHT');
    await step(MSA, `/contracts/${MSA}/sla-breaches/m-2/credit-waiver`, { reason: 'Root cause on the Acme side', occurredAt: d(9) }, carol.personId, 'm-2');
  });

  it('raises an escalation, escalates it to level 2 and resolves it there (not by level 1)', async () => {
    const raised = { escalationId: 'esc-1', subject: 'Invoices rejected twice', relatesTo: { kind: 'sla-breach', id: 'r-1' }, occurredAt: d(12) };
    await step(MSA, `/contracts/${MSA}/escalations`, raised, RECORDER, 'esc-1', 201);
    await step(MSA, '/escalations/esc-1/escalation', { reason: 'Needs a budget decision', occurredAt: later(d(12), 2) }, alice.personId, 'esc-1');
    await refused('/escalations/esc-1/resolution', { resolution: 'x', occurredAt: later(d(12), 4) }, alice.personId, 403, 'GOVERNANCE.NO_DECISION_RIGHT');
    await step(MSA, '/escalations/esc-1/resolution', { resolution: 'Invoice template fixed', occurredAt: later(d(12), 5) }, carol.personId, 'esc-1');
  });

  it('runs 3-2-1: a change over 15 % goes to collaborative review, is approved by the steering committee and amends the contract', async () => {
    const big = { changeId: 'ch-1', title: 'Double the analytics capacity', rationale: 'Volume grew 80 %', proposedLevel: 'minor', costImpact: EUR('200000.00'), proposedTerms: { value: EUR('1280000.00') }, occurredAt: d(20) };
    await step(MSA, `/contracts/${MSA}/changes`, big, RECORDER, 'ch-1', 201);
    await refused('/changes/ch-1/approval', { occurredAt: d(21) }, carol.personId, 409, 'CHANGE.REVIEW_OPEN');
    await step(MSA, '/changes/ch-1/review-conclusion', { outcome: 'consensus', summary: 'Cost split 60/40 agreed', occurredAt: d(25) }, dave.personId, 'ch-1');
    await refused('/changes/ch-1/approval', { occurredAt: d(26) }, alice.personId, 403, 'GOVERNANCE.NO_DECISION_RIGHT');
    await step(MSA, '/changes/ch-1/approval', { occurredAt: d(26) }, carol.personId, 'ch-1');

    await step(MSA, `/contracts/${MSA}/amendments`, c.minorChange('ch-2', d(30)), RECORDER, 'ch-2', 201);
    await step(MSA, '/changes/ch-2/rejection', { reason: 'Branding not final', occurredAt: d(31) }, bob.personId, 'ch-2');

    const saving = { changeId: 'ch-3', title: 'Reduce the support scope', rationale: 'Weekend support moves in-house', proposedLevel: 'significant', costImpact: EUR('-250000.00'), proposedTerms: { value: EUR('1030000.00') }, occurredAt: d(40) };
    await step(MSA, `/contracts/${MSA}/changes`, saving, RECORDER, 'ch-3', 201);
    await step(MSA, '/changes/ch-3/review-conclusion', { outcome: 'no-consensus', summary: 'Cost split disputed', occurredAt: d(45) }, carol.personId, 'ch-3');
    await step(MSA, '/changes/ch-3/mediation-referral', { reason: 'Deadlock after two workshops', mediator: 'CEDR', occurredAt: d(46) }, carol.personId, 'ch-3');
    await refused('/changes/ch-3/approval', { occurredAt: d(59) }, carol.personId, 403, 'GOVERNANCE.NO_DECISION_RIGHT');
    await step(MSA, '/changes/ch-3/approval', { occurredAt: d(60) }, erin.personId, 'ch-3');
  });

  it('takes a dispute up the ladder with mediation and both position papers to a binding award', async () => {
    const open = { disputeId: 'd-1', subject: 'Unpaid change order CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex', escalationId: 'esc-1', occurredAt: d(61) };
    await step(MSA, `/contracts/${MSA}/disputes`, open, alice.personId, 'd-1', 201);
    await refused('/disputes/d-1/advance', { toStep: 'mediation', reason: 'skip', occurredAt: d(62) }, erin.personId, 409, 'DISPUTE.STEP_SKIPPED');
    await step(MSA, '/disputes/d-1/advance', { toStep: 'relationship-managers', reason: 'No agreement', occurredAt: d(62) }, carol.personId, 'd-1');
    await step(MSA, '/disputes/d-1/advance', { toStep: 'mediation', reason: 'No agreement', occurredAt: d(65) }, erin.personId, 'd-1');
    await step(MSA, '/disputes/d-1/mediation', { scheduledFor: d(80), mediator: 'CEDR panel', occurredAt: d(66) }, frank.personId, 'd-1');
    await step(MSA, '/disputes/d-1/position-papers', { partyId: 'acme', contentHash: HASH_ACME, documentRef: 'dms://acme/co7.pdf', occurredAt: d(67) }, alice.personId, 'd-1');
    await step(MSA, '/disputes/d-1/position-papers', { partyId: 'globex', contentHash: HASH_GLOBEX, occurredAt: d(68) }, bob.personId, 'd-1');
    await step(MSA, '/disputes/d-1/advance', { toStep: 'arbitration', reason: 'Mediation failed', occurredAt: d(81) }, erin.personId, 'd-1');
    await step(MSA, '/disputes/d-1/resolution', { outcome: 'award', summary: 'Globex pays 40 %', occurredAt: d(120) }, frank.personId, 'd-1');
  });

  it('renews the master and declines the addendum, by the executive sponsors', async () => {
    await refused(`/contracts/${MSA}/renewal`, { decision: 'renew', occurredAt: d(1045) }, carol.personId, 403, 'GOVERNANCE.NO_DECISION_RIGHT');
    await step(MSA, `/contracts/${MSA}/renewal`, { decision: 'renew', renewalTermDays: 365, occurredAt: d(1045) }, frank.personId, MSA);
    await step(ADD, `/contracts/${ADD}/renewal`, { decision: 'decline', reason: 'Analytics moves in-house', occurredAt: d(250) }, erin.personId, ADD);
  });

  it('terminates the master with an exit plan, completes each step and closes it once in effect', async () => {
    const exitPlan = [
      { stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks and shadowing', dueAt: d(1420), ownerPartyId: 'globex' },
      { kind: 'asset-transition', description: 'Licences and hardware', dueAt: d(1428), ownerPartyId: 'globex' },
    ];
    await step(MSA, `/contracts/${MSA}/termination`, { reason: 'mutual', grounds: 'Consolidation under a group framework', effectiveAt: d(1430), exitPlan, occurredAt: d(1400) }, erin.personId, MSA);
    await step(MSA, `/contracts/${MSA}/exit-steps/kt/completion`, { evidence: 'Signed off by Acme operations', occurredAt: d(1415) }, RECORDER, 'kt');
    await refused(`/contracts/${MSA}/closure`, { occurredAt: d(1426) }, RECORDER, 409, 'EXIT.STEPS_OUTSTANDING');
    await step(MSA, `/contracts/${MSA}/exit-steps/step-2/completion`, { occurredAt: d(1425) }, RECORDER, 'step-2');
    await refused(`/contracts/${MSA}/closure`, { occurredAt: d(1429) }, RECORDER, 409, 'TERMINATION.NOT_EFFECTIVE');
    await step(MSA, `/contracts/${MSA}/closure`, { occurredAt: d(1431) }, RECORDER, MSA);
  });

  it('recorded every fact of the story in the contract streams, the actor from the header', async () => {
    const types = async (id: string) => {
      const out: Array<{ type: string; actorId: unknown }> = [];
      for await (const e of store.readStream(`contract-${id}`)) out.push({ type: e.type, actorId: e.metadata.actorId });
      return out;
    };
    const master = await types(MSA);
    expect(master.length).toBe(last[MSA] + 1);
    expect(new Set(master.map((e) => e.type))).toEqual(
      new Set([
        'ContractDrafted', 'DraftRevised', 'ContractSigned', 'ContractActivated', 'SlaMeasurementRecorded', 'SlaBreached', 'ServiceCreditAccrued',
        'ServiceCreditWaived', 'EscalationRaised', 'EscalationEscalated', 'EscalationResolved', 'ChangeRequested', 'CollaborativeReviewOpened',
        'CollaborativeReviewConcluded', 'ChangeApproved', 'ContractAmended', 'LinkedReviewRequested', 'ChangeRejected', 'ChangeReferredToMediation',
        'DisputeOpened', 'DisputeAdvanced', 'MediationScheduled', 'PositionPaperSubmitted', 'DisputeResolved',
        'ContractRenewed', 'ContractTerminated', 'ExitStepCompleted', 'ContractClosed',
      ]),
    );
    expect(master.find((e) => e.type === 'ServiceCreditWaived')?.actorId).toBe(carol.personId);
    expect((await types(ADD)).map((e) => e.type)).toEqual(['ContractDrafted', 'AddendumAttached', 'ContractSigned', 'ContractSigned', 'ContractActivated', 'RenewalDeclined']);
  });
});
