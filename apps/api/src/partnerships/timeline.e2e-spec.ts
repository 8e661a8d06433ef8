import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PARTNERSHIP_ID, PEOPLE, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

const MSA = 'msa-timeline';
const TIMELINE = `/partnerships/${PARTNERSHIP_ID}/timeline`;
interface Entry {
  position: number;
  eventId: string;
  version: number;
  type: string;
  summary: string;
  partyIds: string[];
  contractId: string | null;
  actorId: string | null;
}

describe.each(ENGINES)('GET /partnerships/{id}/timeline on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = async (query = ''): Promise<{ items: Entry[]; nextCursor: string | null }> => (await env.c.http().get(`${TIMELINE}${query}`).expect(200)).body;
  const types = (items: Entry[]) => items.map((e) => e.type);

  it('merges the partnership and its contracts in occurredAt order, each entry summarised and traceable to its recorded event', async () => {
    const { items, nextCursor } = await get();
    expect(nextCursor).toBeNull();
    expect(types(items)).toEqual([
      'PartnershipFormed',
      'GovernanceCharterAdopted',
      ...Array(6).fill('GovernanceMemberAppointed'),
      'ContractDrafted',
      'ContractSigned',
      'ContractSigned',
      'ContractActivated',
    ]);
    expect(items[0]).toMatchObject({ summary: 'Partnership "Acme × Globex" formed between Acme Corp and Globex Services', contractId: null, streamId: `partnership-${PARTNERSHIP_ID}`, version: 0, actorId: RECORDER, occurredAt: d(-30) });
    expect(items[2].summary).toBe('Alice Ops (Acme Corp) appointed to the operational tier from 2024-12-09');
    expect(items[9]).toMatchObject({ summary: 'Acme Corp signed Master Services Agreement (signatory Erin Exec)', partyIds: ['acme'], contractId: MSA, streamId: `contract-${MSA}`, version: 1 });
    expect(items[11].summary).toBe('Master Services Agreement became active, running until 2028-01-06');
    // The same facts as the contract's audit trail: same positions, event ids and versions.
    const history = (await env.c.http().get(`/contracts/${MSA}/history`).expect(200)).body.items as Entry[];
    expect(items.filter((e) => e.contractId === MSA).map((e) => [e.position, e.eventId, e.version])).toEqual(history.map((e) => [e.position, e.eventId, e.version]));
  });

  it("shows a command's event to the very next query, with its actor and the parties it names", async () => {
    const opened = await env.c.accepted(
      `/contracts/${MSA}/disputes`,
      { disputeId: 'd-weekend', subject: 'Scope of weekend support', raisedByPartyId: 'globex', respondentPartyId: 'acme', occurredAt: d(70) },
      PEOPLE.bob.personId,
      201,
    );
    const { items } = await get('?types=DisputeOpened');
    expect(items).toEqual([
      expect.objectContaining({
        type: 'DisputeOpened',
        contractId: MSA,
        version: opened.version,
        actorId: 'bob',
        occurredAt: d(70),
        partyIds: ['globex', 'acme'],
        summary: 'Globex Services served formal notice of dispute "Scope of weekend support" on Acme Corp',
      }),
    ]);
  });

  it('filters by contract, event types, party and occurredAt range, and pages by cursor', async () => {
    expect(types((await get(`?contractId=${MSA}`)).items)).toEqual(['ContractDrafted', 'ContractSigned', 'ContractSigned', 'ContractActivated', 'DisputeOpened']);
    expect(types((await get('?types=ContractSigned,PartnershipFormed')).items)).toEqual(['PartnershipFormed', 'ContractSigned', 'ContractSigned']);
    const globex = (await get('?partyId=globex')).items;
    expect(globex.filter((e) => e.type === 'GovernanceMemberAppointed').map((e) => e.summary.split(' (')[0])).toEqual(['Bob Ops', 'Dave Steer', 'Frank Exec']);
    expect(globex.filter((e) => e.type === 'ContractSigned').map((e) => e.partyIds)).toEqual([['globex']]);
    expect(globex).toHaveLength(2 + 3 + 1 + 1 + 1 + 1);
    expect(types((await get(`?from=${encodeURIComponent(d(-10))}&to=${encodeURIComponent(d(0))}`)).items)).toEqual(['ContractSigned', 'ContractSigned', 'ContractActivated']);

    const first = await get('?limit=5');
    expect(first.items).toHaveLength(5);
    const second = await get(`?limit=5&cursor=${first.nextCursor}`);
    const third = await get(`?limit=5&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((e) => e.position)).toEqual((await get()).items.map((e) => e.position));
  });

  it('answers an unknown partnership with a 404 problem', async () => {
    const res = await env.c.http().get('/partnerships/nobody/timeline').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('PARTNERSHIP.NOT_FOUND');
  });

  it.each([
    ['?types=ContractSigned,Bogus', 'types'],
    ['?from=last-week', 'from'],
    ['?to=2026-02-30T00:00:00Z', 'to'],
    ['?partyId=a%20b', 'partyId'],
    ['?contractId=%24ne', 'contractId'],
    ['?limit=501', 'limit'],
    ['?actor=bob', 'actor'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const res = await env.c.http().get(`${TIMELINE}${query}`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
