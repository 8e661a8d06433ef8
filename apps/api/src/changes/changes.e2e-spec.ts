import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { ContractHttp, d, PEOPLE, RECORDER } from '../contracts/test-support/contract-http';

const A = 'msa-changes-a';
const B = 'msa-changes-b';
const EUR = (amount: string) => ({ amount, currency: 'EUR' });
const credits = { perBreachBps: 500, capPerPeriodBps: 2000, period: 'calendar-month', waiverTier: 'steering' };

describe.each(ENGINES)('change commands at the edge on %s', (engine) => {
  let t: TestApp;
  let c: ContractHttp;
  let store: EventStore;
  const head = () => store.headPosition();
  const change = (over: Record<string, unknown> = {}) => ({ ...c.minorChange('ch-bad'), ...over });

  beforeAll(async () => {
    t = await startTestApp(engine);
    c = new ContractHttp(t.app);
    store = t.app.get(EVENT_STORE);
    await c.partnership();
    await c.activeMaster(A);
    await c.activeMaster(B);
  });
  afterAll(async () => t?.close());

  it.each([
    ['float money', { costImpact: { amount: 12.5, currency: 'EUR' } }, 'costImpact.amount'],
    ['money with too many decimals', { costImpact: EUR('1.00001') }, 'costImpact.amount'],
    ['a missing cost impact', { costImpact: undefined }, 'costImpact'],
    ['a negative contract value', { proposedTerms: { value: EUR('-1.00') } }, 'proposedTerms.value.amount'],
    ['proposed terms that are not an object', { proposedTerms: 'everything' }, 'proposedTerms'],
    ['incentives without their credit schedule', { proposedTerms: { incentives: { monthlyBaseFee: EUR('1.00'), successFees: [] } } }, 'proposedTerms.incentives.serviceCredits'],
    ['an unknown term', { proposedTerms: { discount: '10%' } }, 'proposedTerms.discount'],
    ['an unknown level', { proposedLevel: 'huge' }, 'proposedLevel'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a bad date', { occurredAt: '2025-01-32T09:00:00Z' }, 'occurredAt'],
  ])('POST /contracts/{id}/changes with %s is a 400 naming the field and writes nothing', async (_case, over, field) => {
    const before = await head();
    const res = await c.post(`/contracts/${A}/changes`, change(over), RECORDER, 400);
    expect(res.body.code).toBe('REQUEST.INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await head()).toBe(before);
  });

  it('accepts a complete incentives group in proposed terms and a saving as a negative cost impact', async () => {
    const incentives = { monthlyBaseFee: EUR('28000.00'), successFees: [{ feeId: 'uptime-bonus', description: 'A year above 99.95 %', amount: EUR('20000.00') }], serviceCredits: credits };
    const res = await c.post(`/contracts/${A}/changes`, change({ changeId: 'ch-fee', costImpact: EUR('-24000.00'), proposedTerms: { incentives } }), RECORDER, 201);
    expect(res.body.id).toBe('ch-fee');
    await c.post('/changes/ch-fee/approval', { occurredAt: d(11) }, PEOPLE.bob.personId);
  });

  it.each([
    ['/changes/nope/approval', {}],
    ['/changes/nope/rejection', { reason: 'x' }],
    ['/changes/nope/review-conclusion', { outcome: 'consensus', summary: 'x' }],
    ['/changes/nope/mediation-referral', { reason: 'x' }],
  ])('POST %s for an unknown change is a 404 CHANGE.NOT_FOUND', async (path, body) => {
    const before = await head();
    expect((await c.post(path, body, PEOPLE.erin.personId, 404)).body.code).toBe('CHANGE.NOT_FOUND');
    expect(await head()).toBe(before);
  });

  it('refuses a change on an unknown contract (404) and a malformed change id in the path (400 naming it)', async () => {
    expect((await c.post('/contracts/nope/amendments', change(), RECORDER, 404)).body.code).toBe('CONTRACT.NOT_FOUND');
    expect((await c.post('/changes/a%20b/approval', {}, RECORDER, 400)).body.errors[0].field).toBe('changeId');
  });

  it('refuses a change id already used on another contract (409), so /changes/{id} stays unambiguous', async () => {
    await c.post(`/contracts/${A}/changes`, change({ changeId: 'ch-shared' }), RECORDER, 201);
    const before = await head();
    expect((await c.post(`/contracts/${B}/amendments`, change({ changeId: 'ch-shared' }), RECORDER, 409)).body.code).toBe('CHANGE.ALREADY_EXISTS');
    expect((await c.post(`/contracts/${A}/changes`, change({ changeId: 'ch-shared' }), RECORDER, 409)).body.code).toBe('CHANGE.ALREADY_EXISTS');
    expect(await head()).toBe(before);
  });

  it('lets only the tier owning the level decide, and the executive sponsors after mediation', async () => {
    const big = change({ changeId: 'ch-big', proposedLevel: 'minor', costImpact: EUR('170000.00'), proposedTerms: { value: EUR('1250000.00') }, occurredAt: d(20) });
    await c.post(`/contracts/${B}/changes`, big, RECORDER, 201);
    const before = await head();
    const review = await c.post('/changes/ch-big/review-conclusion', { outcome: 'no-consensus', summary: 'x', occurredAt: d(21) }, PEOPLE.alice.personId, 403);
    expect(review.body).toMatchObject({ code: 'GOVERNANCE.NO_DECISION_RIGHT', details: { requiredTier: 'steering' } });
    expect((await c.post('/changes/ch-big/rejection', { reason: 'x', occurredAt: d(21) }, RECORDER, 403)).body.code).toBe('GOVERNANCE.NO_DECISION_RIGHT');
    expect(await head()).toBe(before);
    await c.post('/changes/ch-big/review-conclusion', { outcome: 'no-consensus', summary: 'Deadlock', occurredAt: d(22) }, PEOPLE.dave.personId);
    expect((await c.post('/changes/ch-big/approval', { occurredAt: d(23) }, PEOPLE.dave.personId, 409)).body.code).toBe('CHANGE.MEDIATION_REQUIRED');
    await c.post('/changes/ch-big/mediation-referral', { reason: 'Deadlock', occurredAt: d(23) }, PEOPLE.dave.personId);
    expect((await c.post('/changes/ch-big/rejection', { reason: 'x', occurredAt: d(30) }, PEOPLE.dave.personId, 403)).body.details.requiredTier).toBe('executive');
    await c.post('/changes/ch-big/rejection', { reason: 'Mediator advised against', occurredAt: d(30) }, PEOPLE.frank.personId);
  });

  it('answers a stale If-Match on a change route with 409: the version is the contract stream version', async () => {
    const res = await c.post(`/contracts/${A}/changes`, change({ changeId: 'ch-etag', occurredAt: d(40) }), RECORDER, 201);
    const before = await head();
    await c.post('/changes/ch-etag/approval', { occurredAt: d(41) }, PEOPLE.alice.personId, 409, { 'If-Match': `"${res.body.version - 1}"` });
    expect(await head()).toBe(before);
    const ok = await c.post('/changes/ch-etag/approval', { occurredAt: d(41) }, PEOPLE.alice.personId, 200, { 'If-Match': res.headers.etag });
    expect(ok.body).toEqual({ id: 'ch-etag', version: res.body.version + 2 });
  });
});
