import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';

const appointExec = (_id: string) => ({ personId: 'eve.exec', name: 'Eve E', partyId: 'globex', tier: 'executive', occurredAt: '2026-01-06T10:00:00Z' });
const form = (id: string) => ({
  partnershipId: id,
  name: 'Acme × Globex',
  parties: [
    { partyId: 'acme', name: 'Acme Corp' },
    { partyId: 'globex', name: 'Globex Services' },
  ],
  occurredAt: '2026-01-05T09:00:00Z',
});

describe.each(ENGINES)('partnership commands over HTTP on %s', (engine) => {
  let t: TestApp;
  let store: EventStore;
  const http = () => t.http();
  const head = () => store.headPosition();

  beforeAll(async () => {
    t = await startTestApp(engine);
    store = t.app.get(EVENT_STORE);
  });
  afterAll(async () => t?.close());

  it('forms a partnership, adopts a charter and appoints members, each answering { id, version } with an ETag', async () => {
    const formed = await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-happy')).expect(201);
    expect(formed.body).toEqual({ id: 'p-happy', version: 0 });
    expect(formed.headers.etag).toBe('"0"');
    const charter = await http().post('/partnerships/p-happy/charter').set(t.as('ola.ops')).send({ occurredAt: '2026-01-06T09:00:00Z' }).expect(200);
    expect(charter.body).toEqual({ id: 'p-happy', version: 1 });
    await http()
      .post('/partnerships/p-happy/members')
      .set(t.as('ola.ops'))
      .send({ personId: 'dana', name: 'Dana W', partyId: 'acme', tier: 'steering', occurredAt: '2026-01-07T09:00:00Z' })
      .expect(201, { id: 'p-happy', version: 2 });
    await http()
      .post('/partnerships/p-happy/health-assessments')
      .set(t.as('ola.ops'))
      .send({ source: { kind: 'survey', surveyId: 's1' }, scores: { operational: 80, relational: 70, strategic: 60 } })
      .expect(201);
    await http().post('/partnerships/p-happy/members').set(t.as('ola.ops')).send(appointExec('p-happy')).expect(201);
    await http().post('/partnerships/p-happy/stage').set(t.as('eve.exec')).send({ stage: 'operating', reason: 'contracts live' }).expect(200);
    await http()
      .post('/partnerships/p-happy/business-reviews')
      .set(t.as('ola.ops'))
      .send({ kind: 'quarterly', attendees: ['dana'], summary: 'Q1 review' })
      .expect(201);
    await http().post('/partnerships/p-happy/members/dana/removal').set(t.as('ola.ops')).send({ reason: 'rotated' }).expect(200, { id: 'p-happy', version: 7 });
  });

  it.each([
    ['a wrong type', { ...form('p-bad'), name: 42 }, 'name'],
    ['a missing field', { partnershipId: 'p-bad', name: 'x', occurredAt: '2026-01-01T00:00:00Z' }, 'parties'],
    ['an extra field', { ...form('p-bad'), actorId: 'mallory' }, 'actorId'],
    ['a bad date', { ...form('p-bad'), occurredAt: '2026-02-30T09:00:00Z' }, 'occurredAt'],
    ['a date without zone', { ...form('p-bad'), occurredAt: '2026-01-05T09:00:00' }, 'occurredAt'],
    ['a 100 KB string', { ...form('p-bad'), name: 'x'.repeat(100_000) }, 'name'],
    ['nested junk', { ...form('p-bad'), parties: [{ partyId: { $gt: '' }, name: ['x'] }, 'y'] }, 'parties[0].partyId'],
  ])('rejects %s with a 400 naming the field and writes nothing', async (_case, body, field) => {
    const before = await head();
    const res = await http().post('/partnerships').set(t.as('ola.ops')).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('REQUEST.INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await head()).toBe(before);
  });

  it('rejects a health assessment whose nested scores are missing or null with a 400, never a 500', async () => {
    await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-nested')).expect(201);
    const before = await head();
    for (const scores of [undefined, null, 'high']) {
      const res = await http().post('/partnerships/p-nested/health-assessments').set(t.as('ola.ops')).send({ source: { kind: 'survey', surveyId: 's1' }, scores }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('scores');
    }
    expect(await head()).toBe(before);
  });

  it('answers malformed JSON with 400 and a body over 1 MB with 413, writing nothing', async () => {
    const before = await head();
    await http().post('/partnerships').set(t.as('ola.ops')).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    const huge = await http().post('/partnerships').set(t.as('ola.ops')).send({ ...form('p-huge'), name: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('REQUEST.TOO_LARGE');
    expect(await head()).toBe(before);
  });

  it('refuses a command without a token (401) and takes the actor from the token only, never from a header or the body', async () => {
    const before = await head();
    await t.anonymous().post('/partnerships').set('X-Covenant-Actor', 'ola.ops').send(form('p-noactor')).expect(401);
    expect(await head()).toBe(before);
    await http().post('/partnerships').set(t.as('ola.ops')).send({ ...form('p-noactor'), actorId: 'mallory' }).expect(400);
    await http().post('/partnerships').set(t.as('ola.ops')).set('X-Covenant-Actor', 'mallory').send(form('p-noactor')).expect(201);
    const actors: string[] = [];
    for await (const e of store.readStream('partnership-p-noactor')) actors.push(String(e.metadata.actorId));
    expect(actors).toEqual(['ola.ops']);
  });

  it('returns 409 on a stale If-Match and writes nothing', async () => {
    await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-stale')).expect(201);
    await http().post('/partnerships/p-stale/charter').set(t.as('ola.ops')).send({}).expect(200);
    await http().post('/partnerships/p-stale/members').set(t.as('ola.ops')).send(appointExec('p-stale')).expect(201);
    const before = await head();
    const res = await http().post('/partnerships/p-stale/stage').set(t.as('eve.exec')).set('If-Match', '"0"').send({ stage: 'operating', reason: 'x' }).expect(409);
    expect(res.body).toMatchObject({ code: 'CONCURRENCY.VERSION_MISMATCH', expectedVersion: 0, actualVersion: 2 });
    expect(await head()).toBe(before);
    await http().post('/partnerships/p-stale/stage').set(t.as('eve.exec')).set('If-Match', '"2"').send({ stage: 'operating', reason: 'x' }).expect(200);
  });

  it('answers a repeated Idempotency-Key with the first response and 422 for another body under that key', async () => {
    const first = await http().post('/partnerships').set(t.as('ola.ops')).set('Idempotency-Key', 'k-1').send(form('p-idem')).expect(201);
    const before = await head();
    const again = await http().post('/partnerships').set(t.as('ola.ops')).set('Idempotency-Key', 'k-1').send(form('p-idem')).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await head()).toBe(before);
    const other = await http().post('/partnerships').set(t.as('ola.ops')).set('Idempotency-Key', 'k-1').send(form('p-other')).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('maps domain rejections to their stable code: 404 unknown partnership, 409 already formed', async () => {
    const missing = await http().post('/partnerships/nope/charter').set(t.as('ola.ops')).send({}).expect(404);
    expect(missing.body.code).toBe('PARTNERSHIP.NOT_FOUND');
    await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-twice')).expect(201);
    const twice = await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-twice')).expect(409);
    expect(twice.body.code).toBe('PARTNERSHIP.ALREADY_EXISTS');
  });
});
