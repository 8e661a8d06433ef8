import { EVENT_STORE, EventStore } from '@covenant/event-store';
import { verifyBundle } from '@covenant/event-store/bundle/verify-bundle';
import { runStory } from '@covenant/testing/domain-story';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';

jest.setTimeout(120_000);

const PARTNERSHIP = 'acme-globex';

describe.each(ENGINES)('GET /audit/export and GET /partnerships/{id}/state on %s', (engine) => {
  let t: TestApp;
  const http = () => t.http();

  beforeAll(async () => {
    t = await startTestApp(engine);
    const store: EventStore = t.app.get(EVENT_STORE);
    const events = runStory().streams[`partnership-${PARTNERSHIP}`];
    await store.appendToStream(`partnership-${PARTNERSHIP}`, events.map((e) => ({ type: e.type, data: e.data, metadata: { occurredAt: e.occurredAt } })));
  });
  afterAll(async () => t?.close());

  it('exports a bundle that verifies offline, issuing the covering checkpoint first', async () => {
    const res = await http().get(`/audit/export?stream=partnership-${PARTNERSHIP}`).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(verifyBundle(res.body as string)).toEqual({ ok: true, events: 13, treeSize: 13 });
    expect((await http().get('/audit/checkpoints').expect(200)).body.items).toHaveLength(1);
  });

  it('answers a bad stream with 400 and an unknown one with 404 problems', async () => {
    expect((await http().get('/audit/export?stream=nope').expect(400)).body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect((await http().get('/audit/export?stream=contract-nope').expect(404)).body).toMatchObject({ status: 404, code: 'BUNDLE.STREAM_NOT_FOUND' });
  });

  it('replays a partnership as of an instant, with the events applied', async () => {
    const all = await http().get(`/partnerships/${PARTNERSHIP}/state`).expect(200);
    expect({ version: all.body.version, applied: all.body.eventsApplied.length, etag: all.headers.etag, asOf: all.body.asOf }).toEqual({ version: 12, applied: 13, etag: '"12"', asOf: null });
    const first = all.body.eventsApplied[0];
    const early = await http().get(`/partnerships/${PARTNERSHIP}/state?asOf=${encodeURIComponent(first.occurredAt)}`).expect(200);
    expect({ partnershipId: early.body.partnershipId, version: early.body.version, charter: early.body.charter }).toEqual({ partnershipId: PARTNERSHIP, version: 0, charter: null });
    await http().get(`/partnerships/${PARTNERSHIP}/state?asOf=2000-01-01T00:00:00Z`).expect(404);
    expect((await http().get(`/partnerships/${PARTNERSHIP}/state?knownAt=yesterday`).expect(400)).body).toMatchObject({ status: 400 });
  });
});
