import { EVENT_STORE, EventEnvelope, EventStore, NewEvent } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';

const ENVELOPE_KEYS = ['data', 'hash', 'id', 'metadata', 'position', 'prevHash', 'schemaVersion', 'streamId', 'type', 'version'];
const noted = (type: string, n: number): NewEvent => ({ type, data: { n }, metadata: { occurredAt: '2026-01-05T09:00:00Z', actorId: 'feed.test' } });

describe.each(ENGINES)('GET /events on %s', (engine) => {
  let t: TestApp;
  let store: EventStore;
  let all: EventEnvelope[];
  const http = () => t.http();
  const positions = (items: EventEnvelope[]) => items.map((e) => e.position);

  beforeAll(async () => {
    t = await startTestApp(engine);
    store = t.app.get(EVENT_STORE);
  });
  afterAll(async () => t?.close());

  it('answers an empty store with no items and nextAfter = the after given', async () => {
    expect((await http().get('/events').expect(200)).body).toEqual({ items: [], nextAfter: 0 });
    expect((await http().get('/events?after=41').expect(200)).body).toEqual({ items: [], nextAfter: 41 });
  });

  it('pages through the log in position order with full envelopes, nextAfter chaining the pages', async () => {
    await store.appendToStream('contract-c1', [noted('FeedAlpha', 1), noted('FeedBeta', 2), noted('FeedAlpha', 3)]);
    await store.appendToStream('partnership-p1', [noted('FeedAlpha', 4), noted('FeedBeta', 5)]);
    await store.appendToStream('contract-c2', [noted('FeedBeta', 6), noted('FeedGamma', 7)]);
    all = [];
    for await (const e of store.readAll()) all.push(e);
    expect(all).toHaveLength(7);

    const seen: EventEnvelope[] = [];
    let after = 0;
    for (let page = 0; page < 10; page++) {
      const res = await http().get(`/events?after=${after}&limit=3`).expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = res.body as { items: EventEnvelope[]; nextAfter: number };
      if (body.items.length === 0) {
        expect(body.nextAfter).toBe(after);
        break;
      }
      expect(body.items.length).toBeLessThanOrEqual(3);
      expect(body.nextAfter).toBe(body.items[body.items.length - 1].position);
      seen.push(...body.items);
      after = body.nextAfter;
    }
    expect(seen).toEqual(all);
    for (const e of seen) expect(Object.keys(e).sort()).toEqual(ENVELOPE_KEYS);
    expect(seen[1].prevHash).toBe(seen[0].hash);
    expect(seen[0].metadata).toMatchObject({ actorId: 'feed.test', occurredAt: '2026-01-05T09:00:00.000Z' });
  });

  it('includes events written by commands over HTTP', async () => {
    await http()
      .post('/partnerships')
      .set(t.as('ola.ops'))
      .send({ partnershipId: 'p-feed', name: 'Feed', parties: [{ partyId: 'acme', name: 'Acme' }, { partyId: 'globex', name: 'Globex' }] })
      .expect(201);
    const res = await http().get(`/events?after=${all[all.length - 1].position}`).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ type: 'PartnershipFormed', version: 0, metadata: { actorId: 'ola.ops' } });
    all.push(res.body.items[0]);
  });

  it('defaults to 50 events a page and serves up to 500', async () => {
    await store.appendToStream('bulk-b1', Array.from({ length: 60 }, (_, i) => noted('FeedBulk', i)));
    const first = await http().get('/events').expect(200);
    expect(first.body.items).toHaveLength(50);
    expect(positions(first.body.items)).toEqual(Array.from({ length: 50 }, (_, i) => all[0].position + i));
    const big = await http().get('/events?limit=500').expect(200);
    expect(big.body.items).toHaveLength(all.length + 60);
  });

  it.each([
    ['types=FeedAlpha', (e: EventEnvelope) => e.type === 'FeedAlpha'],
    ['types=FeedAlpha,FeedGamma', (e: EventEnvelope) => e.type === 'FeedAlpha' || e.type === 'FeedGamma'],
    ['types=FeedAlpha&types=FeedGamma', (e: EventEnvelope) => e.type === 'FeedAlpha' || e.type === 'FeedGamma'],
    ['categories=partnership', (e: EventEnvelope) => e.streamId.startsWith('partnership-')],
    ['categories=contract,bulk&types=FeedBeta', (e: EventEnvelope) => e.type === 'FeedBeta' && e.streamId.startsWith('contract-')],
  ])('filters with %s', async (query, keep) => {
    const res = await http().get(`/events?${query}&limit=500`).expect(200);
    const expected = [...all.filter(keep)];
    for await (const e of store.readAll({ after: all[all.length - 1].position })) if (keep(e)) expected.push(e);
    expect(positions(res.body.items)).toEqual(positions(expected));
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('pages within a filter: nextAfter is the last matching position', async () => {
    const alphas = all.filter((e) => e.type === 'FeedAlpha');
    const res = await http().get('/events?types=FeedAlpha&limit=2').expect(200);
    expect(positions(res.body.items)).toEqual(positions(alphas.slice(0, 2)));
    expect(res.body.nextAfter).toBe(alphas[1].position);
    const next = await http().get(`/events?types=FeedAlpha&limit=2&after=${res.body.nextAfter}`).expect(200);
    expect(positions(next.body.items)).toEqual(positions(alphas.slice(2, 4)));
  });

  it.each([
    ['after=-1', 'after', 'min'],
    ['after=abc', 'after', 'isInt'],
    ['after=1.5', 'after', 'isInt'],
    ['after=', 'after', 'isInt'],
    ['after=1&after=2', 'after', 'isInt'],
    ['limit=0', 'limit', 'min'],
    ['limit=-5', 'limit', 'min'],
    ['limit=501', 'limit', 'max'],
    ['limit=ten', 'limit', 'isInt'],
    ['limit=1e2', 'limit', 'isInt'],
    ['types=', 'types', 'matches'],
    ['types=Feed%20Alpha', 'types', 'matches'],
    ['categories=contract,,bulk', 'categories', 'matches'],
    ['cursor=abc', 'cursor', 'unknownField'],
    ['after=0&stream=contract-c1', 'stream', 'unknownField'],
  ])('refuses %s with a 400 problem naming %s', async (query, field, rule) => {
    const res = await http().get(`/events?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
  });
});
