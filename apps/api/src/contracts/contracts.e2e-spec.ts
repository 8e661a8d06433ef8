import request from 'supertest';
import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, withActiveMaster, masterTerms, PARTNERSHIP_ID, PEOPLE, RECORDER, UUID } from './test-support/contract-http';

const MSA = 'msa-edge';
const terms = masterTerms();
const draft = (over: Record<string, unknown> = {}, termsOver: Record<string, unknown> = {}) => ({
  contractId: 'msa-bad',
  partnershipId: PARTNERSHIP_ID,
  terms: { ...terms, ...termsOver },
  occurredAt: d(-20),
  ...over,
});
const sla = terms.slas[0];
const breach = { breachId: 'b-bad', slaId: 'p1-response', description: 'P1 answered late', occurredAt: d(9) };
const step = { stepId: 'kt', kind: 'knowledge-transfer', description: 'Runbooks', dueAt: d(200), ownerPartyId: 'globex' };
const termination = { reason: 'mutual', grounds: 'Consolidation', effectiveAt: d(210), exitPlan: [step], occurredAt: d(100) };

describe.each(ENGINES)('contract commands at the edge on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const head = env.head;

  it.each([
    ['/contracts', 'a wrong type', draft({}, { title: 42 }), 'terms.title'],
    ['/contracts', 'a missing field', draft({}, { value: undefined }), 'terms.value'],
    ['/contracts', 'an extra field', draft({ actorId: 'mallory' }), 'actorId'],
    ['/contracts', 'an extra nested field', draft({}, { slas: [{ ...sla, penalty: 'x' }] }), 'terms.slas[0].penalty'],
    ['/contracts', 'an impossible date', draft({}, { effectiveFrom: '2025-02-30T09:00:00Z' }), 'terms.effectiveFrom'],
    ['/contracts', 'a date without zone', draft({}, { expiresAt: '2028-01-06T09:00:00' }), 'terms.expiresAt'],
    ['/contracts', 'negative money', draft({}, { value: { amount: '-5.00', currency: 'EUR' } }), 'terms.value.amount'],
    ['/contracts', 'float money', draft({}, { value: { amount: 1080000.5, currency: 'EUR' } }), 'terms.value.amount'],
    ['/contracts', 'money as a number', draft({}, { incentives: { monthlyBaseFee: 30000 } }), 'terms.incentives.monthlyBaseFee'],
    ['/contracts', 'a 100 KB string', draft({}, { title: 'x'.repeat(100_000) }), 'terms.title'],
    ['/contracts', 'nested junk', draft({}, { parties: [{ partyId: { $gt: '' }, name: ['x'] }, 'y'] }), 'terms.parties[0].partyId'],
    ['/contracts', 'a weekly field on a one-off window', draft({}, { slas: [{ ...sla, maintenanceWindows: [{ kind: 'once', windowId: 'w', from: d(1), to: d(2), dayOfWeek: 0 }] }] }), 'terms.slas[0].maintenanceWindows[0].dayOfWeek'],
    ['/contracts', 'too many SLAs', draft({}, { slas: Array.from({ length: 51 }, (_, i) => ({ ...sla, slaId: `s${i}` })) }), 'terms.slas'],
    [`/contracts/${MSA}/sla-breaches`, 'a number for a decimal string', { ...breach, value: 120 }, 'value'],
    [`/contracts/${MSA}/sla-breaches`, 'a missing field', { ...breach, slaId: undefined }, 'slaId'],
    [`/contracts/${MSA}/sla-breaches`, 'a 100 KB string', { ...breach, description: 'x'.repeat(100_000) }, 'description'],
    [`/contracts/${MSA}/sla-breaches`, 'a bad month', { ...breach, occurredAt: '2025-13-01T00:00:00Z' }, 'occurredAt'],
    [`/contracts/${MSA}/termination`, 'an empty exit plan', { ...termination, exitPlan: [] }, 'exitPlan'],
    [`/contracts/${MSA}/termination`, 'a bad step date', { ...termination, exitPlan: [{ ...step, dueAt: 'tomorrow' }] }, 'exitPlan[0].dueAt'],
    [`/contracts/${MSA}/termination`, 'nested junk in a step', { ...termination, exitPlan: [{ ...step, kind: ['x'] }, 42] }, 'exitPlan[0].kind'],
    [`/contracts/${MSA}/termination`, 'an unknown reason', { ...termination, reason: 'boredom' }, 'reason'],
    [`/contracts/${MSA}/renewal`, 'an unknown decision', { decision: 'maybe', occurredAt: d(1045) }, 'decision'],
    [`/contracts/${MSA}/renewal`, 'a decline without reason', { decision: 'decline', occurredAt: d(1045) }, 'reason'],
    [`/contracts/${MSA}/renewal`, 'a reason on a renewal', { decision: 'renew', reason: 'x', occurredAt: d(1045) }, 'reason'],
    [`/contracts/${MSA}/renewal`, 'a term on a decline', { decision: 'decline', reason: 'x', renewalTermDays: 365 }, 'renewalTermDays'],
    [`/contracts/${MSA}/renewal`, 'a fractional term', { decision: 'renew', renewalTermDays: 1.5 }, 'renewalTermDays'],
    [`/contracts/${MSA}/signatures`, 'an actor in the body', { partyId: 'acme', signatoryName: 'Erin', actorId: 'erin' }, 'actorId'],
  ])('POST %s with %s is a 400 naming the field and writes nothing', async (path, _case, body, field) => {
    const before = await head();
    const res = await env.c.post(path, body, RECORDER, 400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('REQUEST.INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await head()).toBe(before);
  });

  it('drafts from the required terms only, every rule group at the DOMAIN.md default', async () => {
    const minimal = { title: 'Pilot', parties: terms.parties, effectiveFrom: d(0), expiresAt: d(365), value: { amount: '90000', currency: 'EUR' }, incentives: { monthlyBaseFee: { amount: '7500', currency: 'EUR' } } };
    await env.c.post('/contracts', { contractId: 'pilot', partnershipId: PARTNERSHIP_ID, terms: minimal, occurredAt: d(-5) }, RECORDER, 201);
    const drafted = [];
    for await (const e of env.store.readStream('contract-pilot')) drafted.push(e);
    expect(drafted[0].data).toMatchObject({
      terms: {
        value: { amount: '90000.00', currency: 'EUR' },
        autoRenew: true,
        renewalTermDays: 365,
        noticePeriodDays: 90,
        renewal: { windowOpensDaysBeforeExpiry: 120, decisionDueDaysBeforeExpiry: 60 },
        termination: { forConvenience: true, forCause: true },
        slas: [],
        escalation: { levels: [{ level: 1, tier: 'operational', responseHours: 24 }, { level: 2, tier: 'steering', responseHours: 72 }, { level: 3, tier: 'executive', responseHours: 168 }] },
        change: { costImpactThresholdBps: 1500, reviewResponseDays: 14 },
        dispute: { mediationWithinDays: 30 },
        incentives: { monthlyBaseFee: { amount: '7500.00', currency: 'EUR' }, successFees: [], serviceCredits: { perBreachBps: 500, capPerPeriodBps: 2000, period: 'calendar-month', waiverTier: 'steering' } },
        coordinationLinks: [],
      },
    });
    expect(drafted[0].metadata.actorId).toBe(RECORDER);
  });

  it('refuses a command without a bearer token (401, nothing written) and a malformed path id (400 naming it)', async () => {
    const head = await env.head();
    await request(env.t.app.getHttpServer()).post(`/contracts/${MSA}/activation`).send({}).expect(401);
    expect(await env.head()).toBe(head);
    const res = await env.c.post('/contracts/bad%20id/closure', {}, RECORDER, 400);
    expect(res.body.errors[0].field).toBe('id');
  });

  it('answers a stale If-Match with 409 and writes nothing', async () => {
    await env.c.post('/contracts', draft({ contractId: 'msa-stale' }), RECORDER, 201);
    await env.c.post('/contracts/msa-stale/signatures', { partyId: 'acme', signatoryName: 'Erin Exec', occurredAt: d(-10) }, RECORDER, 200, { 'If-Match': '"0"' });
    const before = await head();
    const stale = await env.c.post('/contracts/msa-stale/signatures', { partyId: 'globex', signatoryName: 'Frank Exec' }, RECORDER, 409, { 'If-Match': '"0"' });
    expect(stale.body).toMatchObject({ code: 'CONCURRENCY.VERSION_MISMATCH', expectedVersion: 0, actualVersion: 1 });
    expect(await head()).toBe(before);
    await env.c.post('/contracts/msa-stale/signatures', { partyId: 'globex', signatoryName: 'Frank Exec', occurredAt: d(-9) }, RECORDER, 200, { 'If-Match': '"1"' });
  });

  it('gives a draft without contractId a UUID, the same one on an Idempotency-Key repeat, and 422 for another body', async () => {
    const body = draft({ contractId: undefined });
    const first = await env.c.post('/contracts', body, RECORDER, 201, { 'Idempotency-Key': 'draft-1' });
    expect(first.body).toEqual({ id: expect.stringMatching(UUID), version: 0 });
    const before = await head();
    const again = await env.c.post('/contracts', body, RECORDER, 201, { 'Idempotency-Key': 'draft-1' });
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await head()).toBe(before);
    const other = await env.c.post('/contracts', { ...body, occurredAt: d(-19) }, RECORDER, 422, { 'Idempotency-Key': 'draft-1' });
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const plain = await env.c.post('/contracts', body, RECORDER, 201);
    expect(plain.body.id).not.toBe(first.body.id);
  });

  it('repeats an SLA measurement without id under its Idempotency-Key with the same measurement id', async () => {
    const body = { slaId: 'availability', value: '99.20', occurredAt: d(20) };
    const first = await env.c.post(`/contracts/${MSA}/sla-measurements`, body, RECORDER, 201, { 'Idempotency-Key': 'm-key' });
    expect(first.body.id).toMatch(UUID);
    const before = await head();
    expect((await env.c.post(`/contracts/${MSA}/sla-measurements`, body, RECORDER, 201, { 'Idempotency-Key': 'm-key' })).body).toEqual(first.body);
    expect(await head()).toBe(before);
    // The breach took the measurement's id: the credit can be waived under it.
    await env.c.post(`/contracts/${MSA}/sla-breaches/${first.body.id}/credit-waiver`, { reason: 'Planned migration', occurredAt: d(21) }, PEOPLE.dave.personId);
  });

  it.each([
    [`/contracts/nope/signatures`, { partyId: 'acme', signatoryName: 'Erin' }, 'CONTRACT.NOT_FOUND'],
    [`/contracts/nope/activation`, {}, 'CONTRACT.NOT_FOUND'],
    [`/contracts/nope/sla-measurements`, { slaId: 'availability', value: '99' }, 'CONTRACT.NOT_FOUND'],
    [`/contracts/nope/renewal`, { decision: 'renew' }, 'CONTRACT.NOT_FOUND'],
    [`/contracts/${MSA}/sla-breaches/nope/credit-waiver`, { reason: 'x', occurredAt: d(30) }, 'SLA.CREDIT_NOT_FOUND'],
  ])('POST %s on something unknown is a 404 with its code', async (path, body, code) => {
    const before = await head();
    const res = await env.c.post(path, body, PEOPLE.erin.personId, 404);
    expect(res.body.code).toBe(code);
    expect(await head()).toBe(before);
  });

  it('maps domain refusals: the decision right (403), terms the domain rejects (400 naming the term), the state (409)', async () => {
    const before = await head();
    const noRight = await env.c.post(`/contracts/${MSA}/termination`, termination, PEOPLE.carol.personId, 403);
    expect(noRight.body).toMatchObject({ code: 'GOVERNANCE.NO_DECISION_RIGHT', details: { requiredTier: 'executive' } });
    const badTerms = await env.c.post('/contracts', draft({ contractId: 'msa-dates' }, { expiresAt: d(-30) }), RECORDER, 400);
    expect(badTerms.body.code).toBe('CONTRACT.INVALID_TERMS');
    expect(badTerms.body.errors.map((e: { field: string }) => e.field)).toContain('expiresAt');
    const notExiting = await env.c.post(`/contracts/${MSA}/exit-steps/kt/completion`, {}, RECORDER, 409);
    expect(notExiting.body.code).toBe('CONTRACT.NOT_EXITING');
    expect(await head()).toBe(before);
    await env.c.http().post(`/contracts/${MSA}/activation`).set('Authorization', env.c.as(RECORDER)).send({}).expect(409);
  });
});
