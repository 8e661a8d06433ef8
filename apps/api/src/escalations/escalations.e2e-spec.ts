import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, withActiveMaster, PEOPLE, RECORDER, UUID } from '../contracts/test-support/contract-http';

const MSA = 'msa-escalations';
const raise = { subject: 'Roadmap slip on the reporting module', occurredAt: d(15) };

describe.each(ENGINES)('escalation commands at the edge on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const head = env.head;

  it.each([
    [`/contracts/${MSA}/escalations`, { ...raise, relatesTo: { kind: 'gossip' } }, 'relatesTo.kind'],
    [`/contracts/${MSA}/escalations`, { ...raise, relatesTo: 'sla' }, 'relatesTo'],
    [`/contracts/${MSA}/escalations`, { ...raise, subject: 'x'.repeat(100_000) }, 'subject'],
    [`/contracts/${MSA}/escalations`, { ...raise, escalationId: '../etc' }, 'escalationId'],
    [`/contracts/${MSA}/escalations`, { ...raise, level: 3 }, 'level'],
    ['/escalations/esc-any/escalation', { reason: 7 }, 'reason'],
    ['/escalations/esc-any/resolution', { resolution: 'ok', occurredAt: 'yesterday' }, 'occurredAt'],
  ])('POST %s with a malformed body is a 400 naming the field (case %#)', async (path, body, field) => {
    const before = await head();
    const res = await env.c.post(path, body, RECORDER, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await head()).toBe(before);
  });

  it('gives an escalation without id a UUID, the same on an Idempotency-Key repeat, and addresses it by that id', async () => {
    const first = await env.c.post(`/contracts/${MSA}/escalations`, raise, RECORDER, 201, { 'Idempotency-Key': 'esc-key' });
    expect(first.body.id).toMatch(UUID);
    const before = await head();
    const again = await env.c.post(`/contracts/${MSA}/escalations`, raise, RECORDER, 201, { 'Idempotency-Key': 'esc-key' });
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await head()).toBe(before);
    const up = await env.c.post(`/escalations/${first.body.id}/escalation`, { reason: 'Budget needed', occurredAt: d(15.5) }, PEOPLE.bob.personId);
    expect(up.body).toEqual({ id: first.body.id, version: first.body.version + 1 });
    // A repeat of a decision under its key is answered from the first response, not refused as a second escalation.
    const decided = await env.c.post(`/escalations/${first.body.id}/resolution`, { resolution: 'Re-planned', occurredAt: d(16) }, PEOPLE.dave.personId, 200, { 'Idempotency-Key': 'res-key' });
    const repeat = await env.c.post(`/escalations/${first.body.id}/resolution`, { resolution: 'Re-planned', occurredAt: d(16) }, PEOPLE.dave.personId, 200, { 'Idempotency-Key': 'res-key' });
    expect(repeat.body).toEqual(decided.body);
  });

  it.each([
    ['/escalations/nope/escalation', { reason: 'x' }],
    ['/escalations/nope/resolution', { resolution: 'x' }],
  ])('POST %s for an unknown escalation is a 404 ESCALATION.NOT_FOUND', async (path, body) => {
    const before = await head();
    const res = await env.c.post(path, body, PEOPLE.erin.personId, 404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('ESCALATION.NOT_FOUND');
    expect(await head()).toBe(before);
  });

  it('refuses raising on an unknown contract (404) and an id used on another contract (409)', async () => {
    expect((await env.c.post('/contracts/nope/escalations', raise, RECORDER, 404)).body.code).toBe('CONTRACT.NOT_FOUND');
    await env.c.activeMaster('msa-escalations-2');
    await env.c.post(`/contracts/${MSA}/escalations`, { ...raise, escalationId: 'esc-shared' }, RECORDER, 201);
    expect((await env.c.post('/contracts/msa-escalations-2/escalations', { ...raise, escalationId: 'esc-shared' }, RECORDER, 409)).body.code).toBe('ESCALATION.ALREADY_EXISTS');
  });

  it('resolves only by the tier owning the level on that date, moved up by its deadline without a scheduler', async () => {
    await env.c.post(`/contracts/${MSA}/escalations`, { ...raise, escalationId: 'esc-late', occurredAt: d(30) }, RECORDER, 201);
    const before = await head();
    // 30 hours later the 24-hour level-1 window has passed: the escalation is at level 2 (steering).
    const late = await env.c.post('/escalations/esc-late/resolution', { resolution: 'x', occurredAt: d(31.25) }, PEOPLE.alice.personId, 403);
    expect(late.body).toMatchObject({ code: 'GOVERNANCE.NO_DECISION_RIGHT', details: { requiredTier: 'steering' } });
    expect(await head()).toBe(before);
    const stale = await env.c.post('/escalations/esc-late/resolution', { resolution: 'x', occurredAt: d(31.25) }, PEOPLE.carol.personId, 409, { 'If-Match': '"0"' });
    expect(stale.body.code).toBe('CONCURRENCY.VERSION_MISMATCH');
    await env.c.post('/escalations/esc-late/resolution', { resolution: 'Steering re-prioritised', occurredAt: d(31.25) }, PEOPLE.carol.personId);
    expect((await env.c.post('/escalations/esc-late/escalation', { reason: 'x', occurredAt: d(32) }, PEOPLE.erin.personId, 409)).body.code).toBe('ESCALATION.ALREADY_RESOLVED');
  });
});
