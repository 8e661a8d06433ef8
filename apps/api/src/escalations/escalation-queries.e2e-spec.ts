import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PARTNERSHIP_ID, PEOPLE, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

const MSA = 'msa-esc-queries';
/** Deadlines are exclusive: at the deadline instant it is late; a millisecond before, not yet. */
const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

describe.each(ENGINES)('GET /escalations on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = (path: string) => env.c.http().get(path);
  const ids = async (path: string) => ((await get(path).expect(200)).body.items as Array<{ escalationId: string }>).map((e) => e.escalationId);

  it('reads an escalation just raised: level 1, the operational team, due in 24 hours, overdue from the deadline on', async () => {
    await env.c.post(`/contracts/${MSA}/escalations`, { escalationId: 'esc-a', subject: 'Invoices rejected twice', relatesTo: { kind: 'other' }, occurredAt: d(15) }, RECORDER, 201);
    const res = await get(`/escalations/esc-a?now=${justBefore(d(16))}`).expect(200);
    expect(res.headers.etag).toBe('"4"');
    expect(res.body).toEqual({
      escalationId: 'esc-a',
      contractId: MSA,
      partnershipId: PARTNERSHIP_ID,
      subject: 'Invoices rejected twice',
      relatesTo: { kind: 'other' },
      raisedBy: RECORDER,
      raisedAt: d(15),
      level: 1,
      tier: 'operational',
      dueAt: d(16),
      status: 'open',
      overdue: false,
      history: [],
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      resolvedWithinDeadline: null,
      version: 4,
    });
    expect((await get(`/escalations/esc-a?now=${d(16)}`).expect(200)).body.overdue).toBe(true);
  });

  it('shows a move up the ladder and a resolution on the very next read', async () => {
    await env.c.post(`/contracts/${MSA}/escalations`, { escalationId: 'esc-b', subject: 'Roadmap slip', occurredAt: d(20) }, RECORDER, 201);
    await env.c.post('/escalations/esc-b/escalation', { reason: 'Budget needed', occurredAt: d(20.5) }, PEOPLE.bob.personId);
    const moved = await get('/escalations/esc-b').expect(200);
    expect(moved.body).toMatchObject({ level: 2, tier: 'steering', dueAt: d(23.5), history: [{ fromLevel: 1, toLevel: 2, tier: 'steering', dueAt: d(23.5), at: d(20.5), automatic: false, reason: 'Budget needed' }] });
    expect(moved.headers.etag).toBe('"6"');
    await env.c.post(`/contracts/${MSA}/escalations`, { escalationId: 'esc-c', subject: 'Report format', occurredAt: d(25) }, RECORDER, 201);
    await env.c.post('/escalations/esc-c/resolution', { resolution: 'Template agreed', occurredAt: d(25.5) }, PEOPLE.alice.personId);
    expect((await get('/escalations/esc-c').expect(200)).body).toMatchObject({
      status: 'resolved',
      overdue: false,
      resolvedAt: d(25.5),
      resolvedBy: 'alice',
      resolution: 'Template agreed',
      resolvedWithinDeadline: true,
      version: 8,
    });
  });

  it('lists open, overdue at now, by level, tier, partnership and contract, earliest deadline first', async () => {
    expect(await ids(`/escalations?overdue=true&now=${d(30)}`)).toEqual(['esc-a', 'esc-b']);
    expect(await ids(`/escalations?overdue=true&now=${d(17)}`)).toEqual(['esc-a']);
    expect(await ids(`/escalations?overdue=false&now=${d(17)}`)).toEqual(['esc-b', 'esc-c']);
    expect(await ids('/escalations?status=open')).toEqual(['esc-a', 'esc-b']);
    expect(await ids('/escalations?status=resolved')).toEqual(['esc-c']);
    expect(await ids('/escalations?level=2')).toEqual(['esc-b']);
    expect(await ids('/escalations?tier=operational')).toEqual(['esc-a', 'esc-c']);
    expect(await ids(`/escalations?partnershipId=${PARTNERSHIP_ID}&contractId=${MSA}`)).toEqual(['esc-a', 'esc-b', 'esc-c']);
    expect(await ids('/escalations?contractId=other')).toEqual([]);
    const first = await get('/escalations?limit=2').expect(200);
    const rest = await get(`/escalations?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.items, ...rest.body.items].map((e: { escalationId: string }) => e.escalationId)).toEqual(['esc-a', 'esc-b', 'esc-c']);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('reports overdue escalations as GET /escalations?overdue=true does', async () => {
    expect(await ids(`/reports/overdue-escalations?now=${d(30)}`)).toEqual(['esc-a', 'esc-b']);
    expect(await ids(`/reports/overdue-escalations?now=${d(30)}&tier=steering`)).toEqual(['esc-b']);
    expect(await ids(`/reports/overdue-escalations?now=${d(15)}`)).toEqual([]);
  });

  it('answers an unknown escalation with a 404 ESCALATION.NOT_FOUND', async () => {
    const res = await get('/escalations/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('ESCALATION.NOT_FOUND');
  });

  it.each([
    ['/escalations?status=closed', 'status'],
    ['/escalations?overdue=yes', 'overdue'],
    ['/escalations?level=0', 'level'],
    ['/escalations?level=two', 'level'],
    ['/escalations?tier=board', 'tier'],
    ['/escalations?now=2025-02-30T00:00:00Z', 'now'],
    ['/escalations?severity=high', 'severity'],
    ['/escalations/esc-a?now=soon', 'now'],
    ['/escalations/esc-a?level=1', 'level'],
    ['/reports/overdue-escalations?overdue=false', 'overdue'],
    ['/reports/overdue-escalations?status=resolved', 'status'],
  ])('GET %s is a 400 naming the field', async (path, field) => {
    const res = await get(path).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
