import { EVENT_STORE, EventStore, WrongExpectedVersionError } from '@covenant/event-store';
import { ENGINES, startTestApp, TestApp } from '../../../../test/e2e/app-fixture';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** Sum of the samples of `name` whose labels include `labels`. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

const form = (id: string) => ({ partnershipId: id, name: 'Metrics', parties: [{ partyId: 'acme', name: 'Acme' }, { partyId: 'globex', name: 'Globex' }] });

describe.each(ENGINES)('GET /metrics on %s', (engine) => {
  let t: TestApp;
  let store: EventStore;
  const http = () => t.http();
  const scrape = async () => {
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: res.text, samples: parse(res.text) };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    store = t.app.get(EVENT_STORE);
  });
  afterAll(async () => t?.close());

  it('exposes process metrics and starts with no requests of its own (one registry per app)', async () => {
    const { text, samples } = await scrape();
    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(text).toMatch(/^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
    expect(text).toMatch(/^# TYPE covenant_http_requests_total counter$/m);
    expect(text).toMatch(/^# TYPE covenant_http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE covenant_event_store_appends_total counter$/m);
    expect(text).toMatch(/^# TYPE covenant_event_store_append_duration_seconds histogram$/m);
    // The other engine's app ran in this process first: its requests are not in this registry.
    expect(value(samples, 'covenant_http_requests_total')).toBe(0);
    expect(value(samples, 'covenant_event_store_appends_total')).toBe(0);
  });

  it('counts requests by method, route template and status, problem+json errors included, with no ids in labels', async () => {
    await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-metrics-1')).expect(201);
    await http().post('/partnerships/p-metrics-1/charter').set(t.as('ola.ops')).send({}).expect(200);
    await http().post('/partnerships/p-metrics-404/charter').set(t.as('ola.ops')).send({}).expect(404);
    await http().post('/partnerships').set(t.as('ola.ops')).send({ ...form('p-metrics-2'), name: 42 }).expect(400);
    await t.anonymous().post('/partnerships').send(form('p-metrics-3')).expect(401);
    await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-metrics-1')).expect(409);
    await http().post('/partnerships').set(t.as('ola.ops')).send({ ...form('p-metrics-4'), name: 'x'.repeat(1_100_000) }).expect(413);
    await http().get('/events?limit=9999').expect(400);
    await http().get('/events?after=0').expect(200);
    await http().get('/no-such-route/p-metrics-5').expect(404);

    const { text, samples } = await scrape();
    const count = (method: string, route: string, status: string) => value(samples, 'covenant_http_requests_total', { method, route, status });
    expect(count('POST', '/partnerships', '201')).toBe(1);
    expect(count('POST', '/partnerships/:id/charter', '200')).toBe(1);
    expect(count('POST', '/partnerships/:id/charter', '404')).toBe(1);
    expect(count('POST', '/partnerships', '400')).toBe(1);
    expect(count('POST', '/partnerships', '401')).toBe(1);
    expect(count('POST', '/partnerships', '409')).toBe(1);
    expect(count('GET', '/events', '400')).toBe(1);
    expect(count('GET', '/events', '200')).toBe(1);
    // A body refused by the parser is counted under its route (Fastify routes before it parses); a
    // request no route matches gets one bounded label, never the URL.
    expect(count('POST', '/partnerships', '413')).toBe(1);
    expect(count('GET', 'unmatched', '404')).toBe(1);
    expect(value(samples, 'covenant_http_request_duration_seconds_count', { method: 'POST', route: '/partnerships/:id/charter', status: '200' })).toBe(1);
    expect(value(samples, 'covenant_http_request_duration_seconds_sum', { method: 'POST', route: '/partnerships/:id/charter', status: '200' })).toBeGreaterThan(0);
    expect(text).not.toMatch(/p-metrics/);
    for (const s of samples.filter((x) => x.labels.route !== undefined)) expect(s.labels.route).toMatch(/^(unmatched|\/[a-z/:{}-]*)$/);

    const again = await scrape();
    expect(value(again.samples, 'covenant_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBe(2);
  });

  it('counts and times event store appends by store kind and outcome', async () => {
    const before = parse((await http().get('/metrics')).text);
    const ok = value(before, 'covenant_event_store_appends_total', { store: engine, outcome: 'ok' });
    // The commands above appended twice (form, charter); the 409 and 404 never reached an append that succeeded.
    expect(ok).toBeGreaterThanOrEqual(2);

    await store.appendToStream('metrics-s1', [{ type: 'MetricsNoted', data: {} }], { expectedVersion: 'no-stream' });
    await expect(store.appendToStream('metrics-s1', [{ type: 'MetricsNoted', data: {} }], { expectedVersion: 5 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.appendToStream('Not A Stream', [{ type: 'MetricsNoted', data: {} }])).rejects.toThrow();

    const { samples } = await scrape();
    const appends = (outcome: string) => value(samples, 'covenant_event_store_appends_total', { store: engine, outcome });
    expect(appends('ok')).toBe(ok + 1);
    expect(appends('conflict')).toBe(value(before, 'covenant_event_store_appends_total', { store: engine, outcome: 'conflict' }) + 1);
    expect(appends('error')).toBe(value(before, 'covenant_event_store_appends_total', { store: engine, outcome: 'error' }) + 1);
    expect(value(samples, 'covenant_event_store_append_duration_seconds_count', { store: engine, outcome: 'ok' })).toBe(ok + 1);
    expect(value(samples, 'covenant_event_store_append_duration_seconds_bucket', { store: engine, outcome: 'ok', le: '+Inf' })).toBe(ok + 1);
  });

  it('keeps the wrapped store usable as the adapter (kind, reads, head position)', async () => {
    expect(store.kind).toBe(engine);
    expect(await store.headPosition()).toBeGreaterThan(0);
    expect(await store.streamVersion('metrics-s1')).toBe(0);
  });

  it('reports each projection\'s lag and position, at the head after a command (inline)', async () => {
    await http().post('/partnerships').set(t.as('ola.ops')).send(form('p-metrics-lag')).expect(201);
    const { text } = await scrape();
    const head = await store.headPosition();
    expect(text).toContain('covenant_projection_lag_events{projection="audit-trail",mode="inline"} 0');
    expect(text).toContain(`covenant_projection_position{projection="audit-trail"} ${head}`);
    expect(text).toContain('covenant_projection_stalled{projection="audit-trail"} 0');
  });
});
