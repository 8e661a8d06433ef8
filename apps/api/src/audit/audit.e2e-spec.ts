import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { EVENT_STORE, EventStore, NewEvent, publicKeyInfo, verifyConsistencyProofJson, verifyInclusionProofJson } from '@covenant/event-store';
import type { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { AuditLog } from '@covenant/application/audit/audit-log';
import { SIGNING_KEY_FILE } from '@covenant/application/audit/signing-key';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';

jest.setTimeout(120_000);

const noted = (n: number): NewEvent => ({ type: 'Noted', data: { n, note: `event ${n}` }, metadata: { occurredAt: '2026-01-05T09:00:00Z' } });

describe.each(ENGINES)('GET /audit on %s', (engine) => {
  let t: TestApp;
  let store: EventStore;
  const http = () => t.http();
  const append = async (from: number, to: number) => {
    for (let n = from; n <= to; n++) await store.appendToStream(`contract-c${n % 3}`, [noted(n)]);
  };
  const checkpoint = () => t.app.get(AuditLog).issueCheckpoint();
  const publicKey = async () => createPublicKey((await http().get('/audit/public-key').expect(200)).body.publicKeyPem);

  beforeAll(async () => {
    t = await startTestApp(engine);
    store = t.app.get(EVENT_STORE);
  });
  afterAll(async () => t?.close());

  it('serves the Ed25519 key generated on first start into the data directory', async () => {
    const file = join(t.config.dataDir, SIGNING_KEY_FILE);
    const res = await http().get('/audit/public-key').expect(200);
    expect(res.body).toEqual(publicKeyInfo(createPublicKey(readFileSync(file, 'utf8'))));
    expect(res.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('lists no checkpoint and proves nothing before the first one', async () => {
    expect((await http().get('/audit/checkpoints').expect(200)).body).toEqual({ items: [], nextCursor: null });
    await append(1, 5);
    const res = await http().get('/audit/proof/2').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'AUDIT.POSITION_NOT_CHECKPOINTED' });
    expect((await http().get('/audit/verify').expect(200)).body).toEqual({ ok: true, events: 5, checkpoints: 0, failure: null });
  });

  it('pages through signed checkpoints, smallest tree first, with an opaque cursor', async () => {
    await checkpoint();
    await append(6, 9);
    await checkpoint();
    await append(10, 12);
    await checkpoint();
    const first = await http().get('/audit/checkpoints?limit=2').expect(200);
    expect(first.body.items.map((c: { treeSize: number }) => c.treeSize)).toEqual([5, 9]);
    expect(Object.keys(first.body.items[0]).sort()).toEqual(['issuedAt', 'previousCheckpointHash', 'rootHash', 'signature', 'treeSize']);
    const next = await http().get(`/audit/checkpoints?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ treeSize: 12 })], nextCursor: null });
  });

  it('proves an event against the latest checkpoint by default, or the one asked for', async () => {
    const key = await publicKey();
    const events = (await http().get('/events?limit=500').expect(200)).body.items as Array<{ position: number; hash: string }>;
    const latest = await http().get('/audit/proof/3').expect(200);
    expect(latest.body).toMatchObject({ position: 3, leafIndex: 2, treeSize: 12, eventHash: events[2].hash });
    expect(verifyInclusionProofJson(latest.body, key)).toBe(true);
    const older = await http().get('/audit/proof/5?treeSize=5').expect(200);
    expect(older.body).toMatchObject({ position: 5, treeSize: 5, checkpoint: { treeSize: 5 } });
    expect(verifyInclusionProofJson(older.body, key)).toBe(true);
  });

  it('proves each checkpoint consistent with a later one', async () => {
    const key = await publicKey();
    for (const [from, to] of [[5, 9], [5, 12], [9, 12], [12, 12]]) {
      const res = await http().get(`/audit/consistency?from=${from}&to=${to}`).expect(200);
      expect({ from, to, sizes: [res.body.fromTreeSize, res.body.toTreeSize], valid: verifyConsistencyProofJson(res.body, key) }).toEqual({ from, to, sizes: [from, to], valid: true });
    }
  });

  it.each([
    ['/audit/proof/99', 404, 'AUDIT.POSITION_NOT_FOUND'],
    ['/audit/proof/3?treeSize=4', 404, 'AUDIT.CHECKPOINT_NOT_FOUND'],
    ['/audit/proof/7?treeSize=5', 400, 'AUDIT.POSITION_BEYOND_TREE'],
    ['/audit/consistency?from=5&to=7', 404, 'AUDIT.CHECKPOINT_NOT_FOUND'],
    ['/audit/consistency?from=9&to=5', 400, 'AUDIT.CONSISTENCY_RANGE_INVALID'],
    ['/audit/checkpoints?cursor=Zm9yZ2Vk', 400, 'REQUEST.INVALID_CURSOR'],
  ])('answers %s with %i %s', async (url, status, code) => {
    const res = await http().get(url).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  });

  it.each([
    ['/audit/proof/0', 'position', 'position'],
    ['/audit/proof/abc', 'position', 'position'],
    ['/audit/proof/1.5', 'position', 'position'],
    ['/audit/proof/3?treeSize=0', 'treeSize', 'min'],
    ['/audit/proof/3?treeSize=big', 'treeSize', 'isInt'],
    ['/audit/proof/3?tree=5', 'tree', 'unknownField'],
    ['/audit/consistency?from=5', 'to', 'isInt'],
    ['/audit/consistency?from=-1&to=5', 'from', 'min'],
    ['/audit/checkpoints?limit=501', 'limit', 'max'],
    ['/audit/checkpoints?cursor=not%20a%20cursor', 'cursor', 'matches'],
  ])('refuses %s with a 400 problem naming %s', async (url, field, rule) => {
    const res = await http().get(url).expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
  });

  it('reports the first tampered position from GET /audit/verify', async () => {
    const tamper = "UPDATE %s SET data = replace(data, 'event 4', 'event 5') WHERE position = 4";
    if (engine === 'sqlite') (store as SqliteEventStore).db.prepare(tamper.replace('%s', 'events')).run();
    else {
      const client = new Client({ connectionString: t.config.databaseUrl });
      await client.connect();
      await client.query(tamper.replace('%s', 'covenant_events'));
      await client.end();
    }
    expect((await http().get('/audit/verify').expect(200)).body).toEqual({
      ok: false,
      events: 3,
      checkpoints: 0,
      failure: { position: 4, reason: 'payload-changed', detail: expect.stringMatching(/does not match the event's content/) },
    });
  });
});

describe('the checkpointer in the API process', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  async function waitForCheckpoints(count: number): Promise<Array<{ treeSize: number }>> {
    for (let i = 0; i < 100; i++) {
      const items = (await t.http().get('/audit/checkpoints').expect(200)).body.items;
      if (items.length >= count) return items;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${count} checkpoints after 10 s`);
  }

  it('signs once COVENANT_CHECKPOINT_EVERY_EVENTS events are new, not before', async () => {
    t = await startTestApp('sqlite', { COVENANT_CHECKPOINT_EVERY_EVENTS: '5', COVENANT_CHECKPOINT_EVERY_SECONDS: '3600' });
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('contract-t', [1, 2, 3, 4].map(noted));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await waitForCheckpoints(0)).toEqual([]);
    await store.appendToStream('contract-t', [noted(5)]);
    expect((await waitForCheckpoints(1)).map((c) => c.treeSize)).toEqual([5]);
  });

  it('signs fewer new events once COVENANT_CHECKPOINT_EVERY_SECONDS have passed', async () => {
    t = await startTestApp('sqlite', { COVENANT_CHECKPOINT_EVERY_EVENTS: '1000', COVENANT_CHECKPOINT_EVERY_SECONDS: '1' });
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('contract-t', [noted(1), noted(2)]);
    expect((await waitForCheckpoints(1)).map((c) => c.treeSize)).toEqual([2]);
    await store.appendToStream('contract-t', [noted(3)]);
    expect((await waitForCheckpoints(2)).map((c) => c.treeSize)).toEqual([2, 3]);
  });

  it('signs with COVENANT_SIGNING_KEY when configured, and writes no key file', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    t = await startTestApp('sqlite', { COVENANT_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });
    expect((await t.http().get('/audit/public-key').expect(200)).body).toEqual(publicKeyInfo(publicKey));
    expect(existsSync(join(t.config.dataDir, SIGNING_KEY_FILE))).toBe(false);
  });
});
