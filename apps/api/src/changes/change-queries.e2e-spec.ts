import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PARTNERSHIP_ID, PEOPLE, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

const MSA = 'msa-change-queries';
const { alice, carol, erin } = PEOPLE;
/** Deadlines are exclusive: at the deadline instant it is late; a millisecond before, not yet. */
const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();
const big = {
  changeId: 'ch-big',
  title: 'Double the analytics capacity',
  rationale: 'Growth in the retail business',
  proposedLevel: 'significant',
  costImpact: { amount: '200000.00', currency: 'EUR' },
  proposedTerms: { value: { amount: '1280000.00', currency: 'EUR' } },
  occurredAt: d(20),
};

describe.each(ENGINES)('GET /changes on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = (path: string) => env.c.http().get(path);
  const ids = async (path: string) => ((await get(path).expect(200)).body.items as Array<{ changeId: string }>).map((x) => x.changeId);

  it('reads a minor change just requested: pending, awaiting the operational team', async () => {
    await env.c.post(`/contracts/${MSA}/changes`, env.c.minorChange('ch-m', d(10)), RECORDER, 201);
    const res = await get('/changes/ch-m').expect(200);
    expect(res.headers.etag).toBe('"4"');
    expect(res.body).toEqual({
      changeId: 'ch-m',
      contractId: MSA,
      partnershipId: PARTNERSHIP_ID,
      title: 'Rename the agreement',
      rationale: 'Group branding',
      proposedLevel: 'minor',
      level: 'minor',
      levelReasons: ['proposed'],
      status: 'requested',
      awaitingTier: 'operational',
      reviewRequired: false,
      respondBy: null,
      reviewOutcome: null,
      reviewSummary: null,
      reviewOverdue: false,
      costImpact: { amount: '0.00', currency: 'EUR' },
      costImpactPercent: '0.00',
      baseTermsVersion: 1,
      changedTerms: ['/title'],
      requestedAt: d(10),
      requestedBy: RECORDER,
      mediator: null,
      decidedAt: null,
      decidedBy: null,
      decidedByTier: null,
      decisionReason: null,
      amendmentNumber: null,
      version: 4,
    });
  });

  it('lists what is pending, awaiting which tier, and reviews overdue at now', async () => {
    await env.c.post(`/contracts/${MSA}/changes`, big, RECORDER, 201);
    // Above the 15 % threshold: a collaborative review with 14 days to respond, for the steering committee.
    expect((await get('/changes/ch-big').expect(200)).body).toMatchObject({
      level: 'significant',
      levelReasons: ['proposed', 'cost-impact-above-threshold'],
      status: 'in-review',
      awaitingTier: 'steering',
      reviewRequired: true,
      respondBy: d(34),
      costImpactPercent: '18.52',
      changedTerms: ['/value/amount'],
      version: 6,
    });
    expect(await ids('/changes?status=pending')).toEqual(['ch-m', 'ch-big']);
    expect(await ids('/reports/pending-changes')).toEqual(['ch-m', 'ch-big']);
    expect(await ids('/changes?tier=operational')).toEqual(['ch-m']);
    expect(await ids('/reports/pending-changes?tier=steering')).toEqual(['ch-big']);
    expect(await ids('/changes?level=significant')).toEqual(['ch-big']);
    expect(await ids(`/changes?overdue=true&now=${justBefore(d(34))}`)).toEqual([]);
    expect(await ids(`/changes?overdue=true&now=${d(34)}`)).toEqual(['ch-big']);
    expect((await get(`/changes/ch-big?now=${d(34)}`).expect(200)).body.reviewOverdue).toBe(true);
    expect(await ids(`/changes?overdue=false&now=${d(34)}`)).toEqual(['ch-m']);
  });

  it('shows each decision on the very next read: approval into an amendment, mediation handing it to the executive, rejection', async () => {
    await env.c.post('/changes/ch-m/approval', { occurredAt: d(21) }, alice.personId);
    expect((await get('/changes/ch-m').expect(200)).body).toMatchObject({ status: 'approved', awaitingTier: null, decidedAt: d(21), decidedBy: 'alice', decidedByTier: 'operational', amendmentNumber: 1 });
    await env.c.post('/changes/ch-big/review-conclusion', { outcome: 'no-consensus', summary: 'Cost split disputed', occurredAt: d(25) }, carol.personId);
    expect((await get('/changes/ch-big').expect(200)).body).toMatchObject({ status: 'review-failed', reviewOutcome: 'no-consensus', reviewSummary: 'Cost split disputed', awaitingTier: 'steering' });
    await env.c.post('/changes/ch-big/mediation-referral', { reason: 'Deadlock', mediator: 'CEDR', occurredAt: d(26) }, carol.personId);
    expect((await get('/changes/ch-big').expect(200)).body).toMatchObject({ status: 'in-mediation', mediator: 'CEDR', awaitingTier: 'executive' });
    expect(await ids('/changes?tier=executive')).toEqual(['ch-big']);
    expect(await ids('/changes?tier=steering')).toEqual([]);
    await env.c.post('/changes/ch-big/rejection', { reason: 'Mediator advised against', occurredAt: d(30) }, erin.personId);
    const rejected = await get('/changes/ch-big').expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', awaitingTier: null, decidedAt: d(30), decidedBy: 'erin', decidedByTier: 'executive', decisionReason: 'Mediator advised against' });
    expect(rejected.headers.etag).toBe(`"${rejected.body.version}"`);
    expect(await ids('/reports/pending-changes')).toEqual([]);
    expect(await ids('/changes?status=approved,rejected')).toEqual(['ch-m', 'ch-big']);
    expect(await ids(`/changes?contractId=${MSA}&partnershipId=${PARTNERSHIP_ID}&limit=1`)).toEqual(['ch-m']);
  });

  it('answers an unknown change with a 404 CHANGE.NOT_FOUND', async () => {
    const res = await get('/changes/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('CHANGE.NOT_FOUND');
  });

  it.each([
    ['/changes?status=open', 'status'],
    ['/changes?tier=board', 'tier'],
    ['/changes?level=major', 'level'],
    ['/changes?overdue=sometimes', 'overdue'],
    ['/changes?now=2025-01-01', 'now'],
    ['/changes?partnershipId=%20', 'partnershipId'],
    ['/changes?awaiting=steering', 'awaiting'],
    ['/reports/pending-changes?status=approved', 'status'],
    ['/changes/ch-m?tier=steering', 'tier'],
  ])('GET %s is a 400 naming the field', async (path, field) => {
    const res = await get(path).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
