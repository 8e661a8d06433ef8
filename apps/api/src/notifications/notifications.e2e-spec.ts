import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PARTNERSHIP_ID, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

const MSA = 'msa-notifications';

describe.each(ENGINES)('GET /notifications on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const people = (body: { items: Array<{ personId: string }> }) => body.items.map((n) => n.personId);
  /** A committee member of the partnership: the list is read within its scope. */
  const committee = () => {
    const auth = env.t.bearer({ sub: 'carol', role: 'committee', partnerships: [PARTNERSHIP_ID] });
    return { get: (path: string) => env.t.anonymous().get(path).set('Authorization', auth) };
  };

  it('an escalation just raised: the operational team must respond by its deadline, one item per person, with a link to act on', async () => {
    await env.c.post(`/contracts/${MSA}/escalations`, { escalationId: 'esc-n', subject: 'Invoices rejected twice', occurredAt: d(15) }, RECORDER, 201);
    const res = await committee().get(`/notifications?contractId=${MSA}`).expect(200);
    expect(people(res.body)).toEqual(['alice', 'bob']);
    expect(res.body.items[0]).toEqual({
      notificationId: `${MSA}:escalation-response:esc-n:${d(16)}:alice`,
      partnershipId: PARTNERSHIP_ID,
      contractId: MSA,
      kind: 'escalation-response',
      ref: 'esc-n',
      tier: 'operational',
      personId: 'alice',
      partyId: 'acme',
      deadline: d(16),
      link: '/escalations/esc-n',
      sourceEventId: expect.any(String),
      status: 'pending',
    });
    expect(res.body.nextCursor).toBeNull();
    expect(people((await committee().get('/notifications?personId=bob&kind=escalation-response&status=pending').expect(200)).body)).toEqual(['bob']);
    expect(people((await committee().get(`/notifications?dueBefore=${d(16)}`).expect(200)).body)).toEqual([]);
    const first = await committee().get('/notifications?limit=1').expect(200);
    const second = await committee().get(`/notifications?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect([...people(first.body), ...people(second.body)]).toEqual(['alice', 'bob']);
  });

  it('a scoped token sees only its partnerships’ notifications', async () => {
    const mine = env.t.bearer({ sub: 'carol', role: 'committee', partnerships: [PARTNERSHIP_ID] });
    const theirs = env.t.bearer({ sub: 'zed', role: 'committee', partnerships: ['another-partnership'] });
    expect(people((await env.t.anonymous().get('/notifications').set('Authorization', mine).expect(200)).body)).toEqual(['alice', 'bob']);
    expect((await env.t.anonymous().get('/notifications').set('Authorization', theirs).expect(200)).body).toEqual({ items: [], nextCursor: null });
    await env.t.anonymous().get('/notifications').expect(401);
  });

  it('bad filters are a 400 problem naming the field', async () => {
    const res = await env.t.http().get('/notifications?kind=lunch&dueBefore=tomorrow&status=maybe').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect([...new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field))].sort()).toEqual(['dueBefore', 'kind', 'status']);
  });

  it('webhook dead letters: admin and auditor read them (none here, webhooks are off), others are refused; requeueing an unknown one is a 404', async () => {
    expect((await env.t.http().get('/notifications/dead-letters').expect(200)).body).toEqual({ items: [] });
    await env.t.anonymous().get('/notifications/dead-letters').set('Authorization', env.t.bearer({ sub: 'audrey', role: 'auditor' })).expect(200);
    await env.t.anonymous().get('/notifications/dead-letters').set('Authorization', env.t.bearer({ sub: 'carol', role: 'committee', partnerships: [PARTNERSHIP_ID] })).expect(403);
    const missing = await env.t.http().post('/notifications/dead-letters/nothing-here/requeue').expect(404);
    expect(missing.body.code).toBe('NOTIFICATION.NOT_DEAD_LETTER');
    await env.t.http().post('/notifications/dead-letters/bad%20id/requeue').expect(400);
  });
});
