import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, HASH_ACME, HASH_GLOBEX, PARTNERSHIP_ID, PEOPLE, withActiveMaster } from '../contracts/test-support/contract-http';

const MSA = 'msa-dispute-queries';
const { alice, bob, carol, dave, erin, frank } = PEOPLE;
/** Deadlines are exclusive: at the deadline instant it is late; a millisecond before, not yet. */
const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

describe.each(ENGINES)('GET /disputes on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = (path: string) => env.c.http().get(path);
  const ids = async (path: string) => ((await get(path).expect(200)).body.items as Array<{ disputeId: string }>).map((x) => x.disputeId);

  it('reads a dispute just opened: negotiation, the formal notice and the mediation deadline it sets', async () => {
    await env.c.post(`/contracts/${MSA}/disputes`, { disputeId: 'd-co7', subject: 'Unpaid change order CO-7', raisedByPartyId: 'acme', respondentPartyId: 'globex', occurredAt: d(60) }, alice.personId, 201);
    const res = await get(`/disputes/d-co7?now=${d(61)}`).expect(200);
    expect(res.headers.etag).toBe('"4"');
    expect(res.body).toEqual({
      disputeId: 'd-co7',
      contractId: MSA,
      partnershipId: PARTNERSHIP_ID,
      subject: 'Unpaid change order CO-7',
      step: 'negotiation',
      status: 'open',
      raisedByPartyId: 'acme',
      respondentPartyId: 'globex',
      raisedBy: 'alice',
      escalationId: null,
      formalNoticeAt: d(60),
      mediationDueBy: d(90),
      mediationScheduledFor: null,
      mediator: null,
      mediationOverdue: false,
      positionPapers: 0,
      steps: [],
      openedAt: d(60),
      resolvedAt: null,
      outcome: null,
      resolutionSummary: null,
      binding: null,
      version: 4,
    });
    // Nobody scheduled mediation within 30 days of the notice: overdue from the deadline instant on.
    expect((await get(`/disputes/d-co7?now=${justBefore(d(90))}`).expect(200)).body.mediationOverdue).toBe(false);
    expect((await get(`/disputes/d-co7?now=${d(90)}`).expect(200)).body.mediationOverdue).toBe(true);
  });

  it('shows each step up the ladder, the mediation date, the papers and the outcome on the very next read', async () => {
    await env.c.post('/disputes/d-co7/advance', { toStep: 'relationship-managers', reason: 'No agreement', occurredAt: d(62) }, carol.personId);
    await env.c.post('/disputes/d-co7/advance', { toStep: 'mediation', reason: 'No agreement', occurredAt: d(65) }, erin.personId);
    await env.c.post('/disputes/d-co7/mediation', { scheduledFor: d(80), mediator: 'CEDR panel', occurredAt: d(66) }, frank.personId);
    await env.c.post('/disputes/d-co7/position-papers', { partyId: 'acme', contentHash: HASH_ACME, occurredAt: d(67) }, alice.personId);
    await env.c.post('/disputes/d-co7/position-papers', { partyId: 'globex', contentHash: HASH_GLOBEX, occurredAt: d(68) }, bob.personId);
    const mid = await get(`/disputes/d-co7?now=${d(100)}`).expect(200);
    expect(mid.body).toMatchObject({
      step: 'mediation',
      mediationScheduledFor: d(80),
      mediator: 'CEDR panel',
      // Scheduled in time: never overdue.
      mediationOverdue: false,
      positionPapers: 2,
      steps: [
        { fromStep: 'negotiation', toStep: 'relationship-managers', at: d(62), reason: 'No agreement' },
        { fromStep: 'relationship-managers', toStep: 'mediation', at: d(65), reason: 'No agreement' },
      ],
      version: 9,
    });
    expect(mid.headers.etag).toBe('"9"');
    await env.c.post(`/contracts/${MSA}/disputes`, { disputeId: 'd-weekend', subject: 'Scope of weekend support', raisedByPartyId: 'globex', respondentPartyId: 'acme', occurredAt: d(70) }, bob.personId, 201);
    await env.c.post('/disputes/d-weekend/resolution', { outcome: 'agreement', summary: 'Out of scope', occurredAt: d(72) }, dave.personId);
    expect((await get('/disputes/d-weekend').expect(200)).body).toMatchObject({ status: 'resolved', resolvedAt: d(72), outcome: 'agreement', resolutionSummary: 'Out of scope', binding: false });
  });

  it('lists by status, step, overdue mediation at now, partnership and contract, in the order opened', async () => {
    await env.c.post(`/contracts/${MSA}/disputes`, { disputeId: 'd-late', subject: 'Data return', raisedByPartyId: 'acme', respondentPartyId: 'globex', occurredAt: d(75) }, alice.personId, 201);
    expect(await ids('/disputes')).toEqual(['d-co7', 'd-weekend', 'd-late']);
    expect(await ids('/disputes?status=open')).toEqual(['d-co7', 'd-late']);
    expect(await ids('/disputes?status=resolved')).toEqual(['d-weekend']);
    expect(await ids('/disputes?step=mediation,arbitration')).toEqual(['d-co7']);
    expect(await ids('/disputes?step=negotiation')).toEqual(['d-weekend', 'd-late']);
    expect(await ids(`/disputes?mediationOverdue=true&now=${d(106)}`)).toEqual(['d-late']);
    expect(await ids(`/disputes?mediationOverdue=true&now=${justBefore(d(105))}`)).toEqual([]);
    expect(await ids(`/disputes?mediationOverdue=false&now=${d(106)}`)).toEqual(['d-co7', 'd-weekend']);
    expect(await ids(`/disputes?partnershipId=${PARTNERSHIP_ID}&contractId=${MSA}&status=open`)).toEqual(['d-co7', 'd-late']);
    expect(await ids('/disputes?partnershipId=other')).toEqual([]);
    const first = await get('/disputes?limit=2').expect(200);
    const rest = await get(`/disputes?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.items, ...rest.body.items].map((x: { disputeId: string }) => x.disputeId)).toEqual(['d-co7', 'd-weekend', 'd-late']);
  });

  it('answers an unknown dispute with a 404 DISPUTE.NOT_FOUND', async () => {
    const res = await get('/disputes/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('DISPUTE.NOT_FOUND');
  });

  it.each([
    ['/disputes?status=settled', 'status'],
    ['/disputes?step=court', 'step'],
    ['/disputes?mediationOverdue=1', 'mediationOverdue'],
    ['/disputes?now=today', 'now'],
    ['/disputes?contractId=a/b', 'contractId'],
    ['/disputes?overdue=true', 'overdue'],
    ['/disputes/d-co7?step=mediation', 'step'],
  ])('GET %s is a 400 naming the field', async (path, field) => {
    const res = await get(path).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
