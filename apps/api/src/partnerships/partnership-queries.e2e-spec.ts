import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';
import { ACME, ContractHttp, d, PARTNERSHIP_ID, PEOPLE, RECORDER } from '../contracts/test-support/contract-http';

const INITECH = { partyId: 'initech', name: 'Initech' };

describe.each(ENGINES)('partnership reads over HTTP on %s', (engine) => {
  let t: TestApp;
  let c: ContractHttp;
  beforeAll(async () => {
    t = await startTestApp(engine);
    c = new ContractHttp(t.app);
    await c.partnership(); // Acme × Globex: formed, charter, six seats (versions 0-7)
    await c.post('/partnerships', { partnershipId: 'initech-acme', name: 'Initech × Acme', parties: [INITECH, ACME], occurredAt: d(-5) }, RECORDER, 201);
  });
  afterAll(async () => t?.close());

  it('reads a partnership with its charter and the seats held now, its stream version as the ETag', async () => {
    const res = await c.http().get(`/partnerships/${PARTNERSHIP_ID}`).expect(200);
    expect(res.headers.etag).toBe('"7"');
    expect(res.body).toMatchObject({
      partnershipId: PARTNERSHIP_ID,
      name: 'Acme × Globex',
      stage: 'forming',
      parties: [ACME, { partyId: 'globex', name: 'Globex Services' }],
      formedAt: d(-30),
      charterVersion: 1,
      version: 7,
      businessReviews: { count: 0, lastHeldAt: null },
    });
    expect(res.body.charter.tiers.map((x: { tier: string }) => x.tier)).toEqual(['operational', 'steering', 'executive']);
    expect(res.body.charter.businessReviewCadenceDays).toBe(90);
    expect(res.body.members.map((m: { personId: string }) => m.personId)).toEqual(['erin', 'frank', 'carol', 'dave', 'alice', 'bob']);
    expect(res.body.members[0]).toEqual({ personId: 'erin', name: 'Erin Exec', partyId: 'acme', tier: 'executive', from: d(-28), until: null });
  });

  it("shows a command's effect to the very next read: a stage change and a member's removal", async () => {
    const stage = await c.accepted(`/partnerships/${PARTNERSHIP_ID}/stage`, { stage: 'operating', reason: 'master agreement live', occurredAt: d(1) }, PEOPLE.erin.personId);
    const after = await c.http().get(`/partnerships/${PARTNERSHIP_ID}`).expect(200);
    expect(after.headers.etag).toBe(`"${stage.version}"`);
    expect(after.body).toMatchObject({ stage: 'operating', version: 8 });

    await c.accepted(`/partnerships/${PARTNERSHIP_ID}/members/bob/removal`, { reason: 'moved to another account', occurredAt: d(2) }, RECORDER);
    const now = await c.http().get(`/partnerships/${PARTNERSHIP_ID}`).expect(200);
    expect(now.headers.etag).toBe('"9"');
    expect(now.body.members.map((m: { personId: string }) => m.personId)).toEqual(['erin', 'frank', 'carol', 'dave', 'alice']);
    // Bob held his seat until the removal took effect: asOf reads the seats of another day.
    const before = await c.http().get(`/partnerships/${PARTNERSHIP_ID}?asOf=${encodeURIComponent(d(1))}`).expect(200);
    expect(before.body.members.map((m: { personId: string }) => m.personId)).toContain('bob');
    expect(before.body.membersAsOf).toBe(d(1));
  });

  it('lists partnerships by name, filtered by life stage and by party, page by page', async () => {
    const all = await c.http().get('/partnerships').expect(200);
    expect(all.body.items.map((p: { partnershipId: string }) => p.partnershipId)).toEqual([PARTNERSHIP_ID, 'initech-acme']);
    expect(all.body.items[1]).toEqual({
      partnershipId: 'initech-acme',
      name: 'Initech × Acme',
      stage: 'forming',
      parties: [INITECH, ACME],
      formedAt: d(-5),
      charterVersion: null,
      version: 0,
      updatedAt: expect.any(String),
    });
    const ids = async (query: string) => (await c.http().get(`/partnerships?${query}`).expect(200)).body.items.map((p: { partnershipId: string }) => p.partnershipId);
    expect(await ids('stage=operating')).toEqual([PARTNERSHIP_ID]);
    expect(await ids('stage=forming')).toEqual(['initech-acme']);
    expect(await ids('partyId=acme')).toEqual([PARTNERSHIP_ID, 'initech-acme']);
    expect(await ids('partyId=initech')).toEqual(['initech-acme']);
    expect(await ids('partyId=globex&stage=forming')).toEqual([]);
    const first = await c.http().get('/partnerships?limit=1').expect(200);
    expect(first.body.items.map((p: { partnershipId: string }) => p.partnershipId)).toEqual([PARTNERSHIP_ID]);
    const second = await c.http().get(`/partnerships?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ partnershipId: 'initech-acme' })], nextCursor: null });
  });

  it('answers an unknown partnership with a 404 problem', async () => {
    const res = await c.http().get('/partnerships/nobody').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'PARTNERSHIP.NOT_FOUND' });
  });

  it.each([
    ['/partnerships?stage=dormant', 'stage'],
    ['/partnerships?partyId=a%20b', 'partyId'],
    ['/partnerships?limit=0', 'limit'],
    ['/partnerships?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['/partnerships?sort=name', 'sort'],
    [`/partnerships/${PARTNERSHIP_ID}?asOf=2026-02-30T00:00:00Z`, 'asOf'],
    [`/partnerships/${PARTNERSHIP_ID}?asOf=2026-03-01T00:00:00`, 'asOf'],
    ['/partnerships/bad%20id', 'id'],
  ])('answers %s with a 400 naming %s', async (path, field) => {
    const res = await c.http().get(path).set('Authorization', c.as(RECORDER)).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
