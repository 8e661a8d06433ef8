import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { ACME, ContractHttp, d, PARTNERSHIP_ID, PEOPLE, RECORDER } from '../contracts/test-support/contract-http';

const HEALTH = `/partnerships/${PARTNERSHIP_ID}/health`;
const q = (s: string) => encodeURIComponent(s);
const survey = (assessmentId: string, n: number, operational: number, relational: number, strategic: number) => ({
  assessmentId,
  source: { kind: 'survey', surveyId: assessmentId },
  scores: { operational, relational, strategic },
  occurredAt: d(n),
});

describe.each(ENGINES)('partnership health over HTTP on %s', (engine) => {
  let t: TestApp;
  let c: ContractHttp;
  let store: EventStore;
  const positions: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    c = new ContractHttp(t.app);
    store = t.app.get(EVENT_STORE);
    await c.partnership(); // forming, versions 0-7
    await c.post('/partnerships', { partnershipId: 'initech-acme', name: 'Initech × Acme', parties: [{ partyId: 'initech', name: 'Initech' }, ACME], occurredAt: d(-5) }, RECORDER, 201);
    await c.post(`/partnerships/${PARTNERSHIP_ID}/business-reviews`, { reviewId: 'qbr-1', kind: 'quarterly', attendees: ['carol', 'dave'], summary: 'First quarter', occurredAt: d(10) }, RECORDER, 201);
  });
  afterAll(async () => t?.close());

  it("answers the index of an assessment in the very next query, weighted by the stage's weights, with the assessment it came from", async () => {
    const body = { assessmentId: 'qbr-1-health', source: { kind: 'business-review', reviewId: 'qbr-1' }, scores: { operational: 90, relational: 50, strategic: 30 }, notes: 'delivery strong', occurredAt: d(11) };
    const accepted = await c.accepted(`/partnerships/${PARTNERSHIP_ID}/health-assessments`, body, RECORDER, 201);
    positions['qbr-1-health'] = await store.headPosition();
    const res = await c.http().get(`${HEALTH}?asOf=${q(d(12))}`).expect(200);
    expect(res.headers.etag).toBe(`"${accepted.version}"`);
    // Forming weighs 50/30/20: 45 + 15 + 6.
    expect(res.body.current).toEqual({
      asOf: d(12),
      windowDays: 90,
      stage: 'forming',
      weights: { operational: 50, relational: 30, strategic: 20 },
      index: 66,
      dimensions: { operational: 90, relational: 50, strategic: 30 },
      contributing: [{ assessmentId: 'qbr-1-health', position: positions['qbr-1-health'] }],
    });
    expect(res.body).toMatchObject({ partnershipId: PARTNERSHIP_ID, name: 'Acme × Globex', stage: 'forming', assessments: 1, lastAssessedAt: d(11) });
    expect(res.body.series.items).toEqual([
      {
        assessmentId: 'qbr-1-health',
        position: positions['qbr-1-health'],
        occurredAt: d(11),
        recordedAt: expect.any(String),
        source: { kind: 'business-review', reviewId: 'qbr-1' },
        notes: 'delivery strong',
        scores: { operational: 90, relational: 50, strategic: 30 },
        stage: 'forming',
        weights: { operational: 50, relational: 30, strategic: 20 },
        assessmentIndex: 66,
        index: 66,
        dimensions: { operational: 90, relational: 50, strategic: 30 },
        contributing: [{ assessmentId: 'qbr-1-health', position: positions['qbr-1-health'] }],
      },
    ]);
  });

  it('re-weighs the index by the new stage from the stage change on; past points keep the weights of their stage', async () => {
    await c.accepted(`/partnerships/${PARTNERSHIP_ID}/health-assessments`, survey('pulse-1', 40, 70, 70, 70), RECORDER, 201);
    positions['pulse-1'] = await store.headPosition();
    const forming = await c.http().get(`${HEALTH}?asOf=${q(d(41))}`).expect(200);
    expect(forming.body.current).toMatchObject({ stage: 'forming', index: 68, dimensions: { operational: 80, relational: 60, strategic: 50 } });

    await c.accepted(`/partnerships/${PARTNERSHIP_ID}/stage`, { stage: 'operating', reason: 'master agreement live', occurredAt: d(50) }, PEOPLE.erin.personId);
    const operating = await c.http().get(`${HEALTH}?asOf=${q(d(41))}`).expect(200);
    // Operating weighs 34/33/33 over the same two assessments: (34·160 + 33·120 + 33·100) / 200.
    expect(operating.body.current).toMatchObject({ stage: 'operating', weights: { operational: 34, relational: 33, strategic: 33 }, index: 63.5 });
    expect(operating.body.series.items.map((p: { stage: string; index: number }) => [p.stage, p.index])).toEqual([
      ['forming', 66],
      ['forming', 68],
    ]);
    expect(operating.body.current.contributing).toEqual([
      { assessmentId: 'qbr-1-health', position: positions['qbr-1-health'] },
      { assessmentId: 'pulse-1', position: positions['pulse-1'] },
    ]);
    // Long after the last assessment the window is empty: no index now.
    expect((await c.http().get(`${HEALTH}?asOf=${q(d(200))}`).expect(200)).body.current).toMatchObject({ index: null, contributing: [] });
  });

  it('filters and pages the series', async () => {
    const later = await c.http().get(`${HEALTH}?from=${q(d(20))}`).expect(200);
    expect(later.body.series.items.map((p: { assessmentId: string }) => p.assessmentId)).toEqual(['pulse-1']);
    const first = await c.http().get(`${HEALTH}?limit=1&to=${q(d(40))}`).expect(200);
    expect(first.body.series.items.map((p: { assessmentId: string }) => p.assessmentId)).toEqual(['qbr-1-health']);
    const second = await c.http().get(`${HEALTH}?limit=1&to=${q(d(40))}&cursor=${first.body.series.nextCursor}`).expect(200);
    expect(second.body.series).toEqual({ items: [expect.objectContaining({ assessmentId: 'pulse-1' })], nextCursor: null });
  });

  it('reports every partnership worst first, never-assessed last, by stage, flagging figures older than the window', async () => {
    const res = await c.http().get(`/reports/health?asOf=${q(d(41))}`).expect(200);
    expect(res.body.items).toEqual([
      {
        partnershipId: PARTNERSHIP_ID,
        name: 'Acme × Globex',
        stage: 'operating',
        index: 63.5,
        dimensions: { operational: 80, relational: 60, strategic: 50 },
        contributing: [
          { assessmentId: 'qbr-1-health', position: positions['qbr-1-health'] },
          { assessmentId: 'pulse-1', position: positions['pulse-1'] },
        ],
        lastAssessedAt: d(40),
        assessments: 2,
        stale: false,
      },
      { partnershipId: 'initech-acme', name: 'Initech × Acme', stage: 'forming', index: null, dimensions: { operational: null, relational: null, strategic: null }, contributing: [], lastAssessedAt: null, assessments: 0, stale: true },
    ]);
    expect((await c.http().get(`/reports/health?asOf=${q(d(200))}`).expect(200)).body.items[0].stale).toBe(true);
    expect((await c.http().get('/reports/health?stage=forming').expect(200)).body.items.map((x: { partnershipId: string }) => x.partnershipId)).toEqual(['initech-acme']);
    const first = await c.http().get('/reports/health?limit=1').expect(200);
    const second = await c.http().get(`/reports/health?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.items, ...second.body.items].map((x: { partnershipId: string }) => x.partnershipId)).toEqual([PARTNERSHIP_ID, 'initech-acme']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers an unknown partnership with a 404 problem', async () => {
    const res = await c.http().get('/partnerships/nobody/health').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('PARTNERSHIP.NOT_FOUND');
  });

  it.each([
    [`${HEALTH}?asOf=tomorrow`, 'asOf'],
    [`${HEALTH}?from=2026-13-01T00:00:00Z`, 'from'],
    [`${HEALTH}?to=2026-01-01`, 'to'],
    [`${HEALTH}?window=30`, 'window'],
    ['/reports/health?stage=thriving', 'stage'],
    ['/reports/health?asOf=now', 'asOf'],
    ['/reports/health?cursor=bm90LWEtY3Vyc29y', 'cursor'],
  ])('answers %s with a 400 naming %s', async (path, field) => {
    const res = await c.http().get(path).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
