import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, withActiveMaster, HASH_ACME, PEOPLE } from '../contracts/test-support/contract-http';

const MSA = 'msa-disputes';
const open = { disputeId: 'd-x', subject: 'Scope of weekend support', raisedByPartyId: 'globex', respondentPartyId: 'acme', occurredAt: d(70) };
const { alice, bob, carol, erin, frank } = PEOPLE;

describe.each(ENGINES)('dispute commands at the edge on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const head = env.head;
  beforeAll(async () => {
    await env.c.post(`/contracts/${MSA}/disputes`, open, bob.personId, 201);
  });

  it.each([
    [`/contracts/${MSA}/disputes`, { ...open, disputeId: 'd-y', raisedByPartyId: ['globex'] }, 'raisedByPartyId'],
    [`/contracts/${MSA}/disputes`, { ...open, disputeId: 'd-y', formalNoticeAt: '2025-03-12' }, 'formalNoticeAt'],
    [`/contracts/${MSA}/disputes`, { ...open, disputeId: 'd-y', subject: undefined }, 'subject'],
    ['/disputes/d-x/advance', { toStep: 'court', reason: 'x' }, 'toStep'],
    ['/disputes/d-x/position-papers', { partyId: 'acme', contentHash: HASH_ACME.toUpperCase() }, 'contentHash'],
    ['/disputes/d-x/position-papers', { partyId: 'acme', contentHash: HASH_ACME, paper: { text: 'x'.repeat(100_000) } }, 'paper'],
    ['/disputes/d-x/mediation', { scheduledFor: '2025-04-01T10:00:00+25:00', mediator: 'CEDR' }, 'scheduledFor'],
    ['/disputes/d-x/resolution', { outcome: 'award', summary: null }, 'summary'],
  ])('POST %s with a malformed body is a 400 naming the field (case %#)', async (path, body, field) => {
    const before = await head();
    const res = await env.c.post(path, body, erin.personId, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await head()).toBe(before);
  });

  it.each([
    ['/disputes/nope/advance', { toStep: 'relationship-managers', reason: 'x' }],
    ['/disputes/nope/position-papers', { partyId: 'acme', contentHash: HASH_ACME }],
    ['/disputes/nope/mediation', { scheduledFor: d(80), mediator: 'CEDR' }],
    ['/disputes/nope/resolution', { outcome: 'withdrawn', summary: 'x' }],
  ])('POST %s for an unknown dispute is a 404 DISPUTE.NOT_FOUND', async (path, body) => {
    const before = await head();
    expect((await env.c.post(path, body, erin.personId, 404)).body.code).toBe('DISPUTE.NOT_FOUND');
    expect(await head()).toBe(before);
  });

  it('refuses opening on an unknown contract (404), for someone of the other party (403), a repeated id (409)', async () => {
    expect((await env.c.post('/contracts/nope/disputes', open, bob.personId, 404)).body.code).toBe('CONTRACT.NOT_FOUND');
    const before = await head();
    expect((await env.c.post(`/contracts/${MSA}/disputes`, { ...open, disputeId: 'd-z' }, alice.personId, 403)).body.code).toBe('GOVERNANCE.NOT_A_MEMBER_OF_PARTY');
    expect((await env.c.post(`/contracts/${MSA}/disputes`, open, bob.personId, 409)).body.code).toBe('DISPUTE.ALREADY_EXISTS');
    expect(await head()).toBe(before);
  });

  it('keeps the ladder in order and each step to its tier; papers only at mediation, by a member of the party', async () => {
    const before = await head();
    expect((await env.c.post('/disputes/d-x/advance', { toStep: 'relationship-managers', reason: 'x', occurredAt: d(71) }, bob.personId, 403)).body.details.requiredTier).toBe('steering');
    expect((await env.c.post('/disputes/d-x/position-papers', { partyId: 'acme', contentHash: HASH_ACME, occurredAt: d(71) }, alice.personId, 409)).body.code).toBe('DISPUTE.PAPERS_NOT_ACCEPTED');
    expect(await head()).toBe(before);
    await env.c.post('/disputes/d-x/advance', { toStep: 'relationship-managers', reason: 'No agreement', occurredAt: d(72) }, carol.personId);
    await env.c.post('/disputes/d-x/advance', { toStep: 'mediation', reason: 'No agreement', occurredAt: d(74) }, erin.personId);
    expect((await env.c.post('/disputes/d-x/position-papers', { partyId: 'acme', contentHash: HASH_ACME, occurredAt: d(75) }, bob.personId, 403)).body.code).toBe('GOVERNANCE.NOT_A_MEMBER_OF_PARTY');
    const late = await env.c.post('/disputes/d-x/mediation', { scheduledFor: d(101), mediator: 'CEDR', occurredAt: d(75) }, frank.personId, 409);
    expect(late.body.code).toBe('DISPUTE.MEDIATION_DEADLINE');
    expect((await env.c.post('/disputes/d-x/resolution', { outcome: 'award', summary: 'x', occurredAt: d(76) }, frank.personId, 409)).body.code).toBe('DISPUTE.AWARD_REQUIRES_ARBITRATION');
    const resolved = await env.c.post('/disputes/d-x/resolution', { outcome: 'agreement', summary: 'Weekend support is out of scope', occurredAt: d(76) }, frank.personId);
    expect(resolved.body.id).toBe('d-x');
    expect((await env.c.post('/disputes/d-x/advance', { toStep: 'arbitration', reason: 'x', occurredAt: d(77) }, erin.personId, 409)).body.code).toBe('DISPUTE.ALREADY_RESOLVED');
  });
});
