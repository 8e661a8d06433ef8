import { ENGINES } from '../../../../test/e2e/app-fixture';
import { ACME, addendumTerms, d, GLOBEX, PARTNERSHIP_ID, PEOPLE, RECORDER, withActiveMaster } from './test-support/contract-http';

const MSA = 'msa-queries';
const ADD = 'add-queries';
const T0 = d(0);
const EXPIRY = '2028-01-06T09:00:00.000Z';

describe.each(ENGINES)('GET /contracts and /contracts/{id} on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = (path: string) => env.c.http().get(path);
  const ids = async (query: string) => ((await get(`/contracts?${query}`).expect(200)).body.items as Array<{ contractId: string }>).map((c) => c.contractId);

  it('reads the active master from the read model with its stream version as ETag', async () => {
    const res = await get(`/contracts/${MSA}`).expect(200);
    expect(res.headers.etag).toBe('"3"');
    expect(res.body).toMatchObject({
      contractId: MSA,
      partnershipId: PARTNERSHIP_ID,
      kind: 'master',
      masterContractId: null,
      title: 'Master Services Agreement',
      status: 'active',
      parties: [ACME, GLOBEX],
      termsVersion: 1,
      effectiveFrom: T0,
      expiresAt: EXPIRY,
      activatedAt: T0,
      endedAt: null,
      value: { amount: '1080000.00', currency: 'EUR' },
      autoRenew: true,
      signatures: [
        { partyId: 'acme', signatoryName: 'Erin Exec', signedAt: d(-10) },
        { partyId: 'globex', signatoryName: 'Frank Exec', signedAt: d(-9) },
      ],
      amendments: 0,
      openEscalations: 0,
      version: 3,
    });
    expect(res.body.slas.map((s: { slaId: string }) => s.slaId)).toEqual(['availability', 'p1-response']);
    expect(res.body.terms).toMatchObject({ title: 'Master Services Agreement', expiresAt: EXPIRY, noticePeriodDays: 90 });
    expect(res.body).not.toHaveProperty('eventsApplied');
  });

  it('shows each command’s effect on the very next read: an escalation raised, a change approved into an amendment', async () => {
    await env.c.post(`/contracts/${MSA}/escalations`, { escalationId: 'esc-q1', subject: 'Invoices rejected twice', occurredAt: d(12) }, RECORDER, 201);
    expect((await get(`/contracts/${MSA}`).expect(200)).body).toMatchObject({ openEscalations: 1, version: 4 });
    await env.c.post(`/contracts/${MSA}/changes`, env.c.minorChange('ch-q1', d(13)), RECORDER, 201);
    await env.c.post('/changes/ch-q1/approval', { occurredAt: d(14) }, PEOPLE.alice.personId);
    const res = await get(`/contracts/${MSA}`).expect(200);
    expect(res.body).toMatchObject({ title: 'Master Services Agreement (ch-q1)', termsVersion: 2, amendments: 1, openEscalations: 1 });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    expect(res.body.terms.title).toBe('Master Services Agreement (ch-q1)');
  });

  it('replays the stream for asOf (business time) and knownAt (record time), listing the events applied', async () => {
    const drafting = await get(`/contracts/${MSA}?asOf=${encodeURIComponent('2024-12-28T00:00:00+00:00')}`).expect(200);
    expect(drafting.headers.etag).toBe('"1"');
    expect(drafting.body).toMatchObject({ status: 'draft', version: 1, asOf: '2024-12-28T00:00:00.000Z', knownAt: null, signatures: [{ partyId: 'acme' }] });
    expect(drafting.body.eventsApplied.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([
      ['ContractDrafted', 0],
      ['ContractSigned', 1],
    ]);
    const history = (await get(`/contracts/${MSA}/history`).expect(200)).body.items as Array<{ recordedAt: string; position: number }>;
    // As known when the second signature was recorded: signed, not yet active.
    const known = await get(`/contracts/${MSA}?knownAt=${history[2].recordedAt}`).expect(200);
    expect(known.body).toMatchObject({ status: 'signed', version: 2, knownAt: history[2].recordedAt, asOf: null });
    expect(known.body.eventsApplied.map((e: { position: number }) => e.position)).toEqual(history.slice(0, 3).map((e) => e.position));
    // The replay at the end of time says what the read model says.
    const now = await get(`/contracts/${MSA}`).expect(200);
    const replay = await get(`/contracts/${MSA}?asOf=2100-01-01T00:00:00Z`).expect(200);
    const { asOf: _a, knownAt: _k, eventsApplied, ...replayed } = replay.body;
    expect(replayed).toEqual(now.body);
    expect(eventsApplied).toHaveLength(now.body.version + 1);
    expect(replay.headers.etag).toBe(now.headers.etag);
  });

  it('answers an unknown contract, or one not yet drafted at asOf, with a 404 problem', async () => {
    for (const path of ['/contracts/nope', '/contracts/nope?asOf=2030-01-01T00:00:00Z', `/contracts/${MSA}?asOf=2024-12-01T00:00:00Z`]) {
      const res = await get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, code: 'CONTRACT.NOT_FOUND' });
    }
  });

  it.each([
    [`/contracts/${MSA}?asOf=yesterday`, 'asOf'],
    [`/contracts/${MSA}?knownAt=2025-13-01T00:00:00Z`, 'knownAt'],
    [`/contracts/${MSA}?asOf=2025-01-01T00:00:00`, 'asOf'],
    [`/contracts/${MSA}?version=3`, 'version'],
    ['/contracts?status=live', 'status'],
    ['/contracts?kind=module', 'kind'],
    ['/contracts?expiringWithinDays=-1', 'expiringWithinDays'],
    ['/contracts?expiringWithinDays=soon', 'expiringWithinDays'],
    ['/contracts?hasOpenEscalations=maybe', 'hasOpenEscalations'],
    ['/contracts?now=tomorrow', 'now'],
    ['/contracts?partyId=../etc', 'partyId'],
    ['/contracts?owner=acme', 'owner'],
    ['/contracts?limit=0', 'limit'],
  ])('GET %s is a 400 naming the field', async (path, field) => {
    const res = await get(path).expect(400);
    expect(res.body.code).toBe('REQUEST.INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lists by status, partnership, party, kind, expiry within N days of now and open escalations, a page at a time', async () => {
    await env.c.post('/contracts', { contractId: ADD, partnershipId: PARTNERSHIP_ID, masterContractId: MSA, terms: addendumTerms(), occurredAt: d(20) }, RECORDER, 201);
    expect(await ids(`partnershipId=${PARTNERSHIP_ID}`)).toEqual([ADD, MSA]);
    expect(await ids('status=draft')).toEqual([ADD]);
    expect(await ids('status=draft,active')).toEqual([ADD, MSA]);
    expect(await ids('status=active&status=closed')).toEqual([MSA]);
    expect(await ids('kind=addendum&partyId=globex')).toEqual([ADD]);
    expect(await ids('partyId=initech')).toEqual([]);
    expect(await ids('partnershipId=other')).toEqual([]);
    expect(await ids('expiringWithinDays=30&now=2027-12-10T00:00:00Z')).toEqual([MSA]);
    expect(await ids('expiringWithinDays=20&now=2027-12-10T00:00:00Z')).toEqual([]);
    expect(await ids('hasOpenEscalations=true')).toEqual([MSA]);
    expect(await ids('hasOpenEscalations=false')).toEqual([ADD]);
    const first = await get('/contracts?limit=1').expect(200);
    expect(first.body.items.map((c: { contractId: string }) => c.contractId)).toEqual([ADD]);
    expect(first.body.items[0]).not.toHaveProperty('terms');
    const second = await get(`/contracts?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toMatchObject({ items: [{ contractId: MSA, status: 'active' }], nextCursor: null });
  });
});
