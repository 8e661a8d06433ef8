import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import request from 'supertest';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';

describe.each(ENGINES)('GET /health on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('reports the store ready with its head position', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', store: { kind: engine, ready: true, headPosition: 0 } });
    expect(res.body.projections.map((p: { name: string }) => p.name)).toEqual(ALL_PROJECTIONS.map((p) => p.name));
    for (const p of res.body.projections) expect(p).toEqual({ name: p.name, mode: 'inline', state: 'live', position: 0, lag: 0, lastError: null });
  });

  it('answers an unknown route with a 404 problem+json, no stack trace', async () => {
    const res = await request(t.app.getHttpServer()).get('/no-such-route').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
