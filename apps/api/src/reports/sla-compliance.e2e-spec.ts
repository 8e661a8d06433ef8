import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PEOPLE, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

const A = 'msa-report-a';
const B = 'msa-report-b';
const OTHER = 'initech-globex';

type Item = { contractId: string; partnershipId: string; slaId: string; period: string };
const keys = (items: Item[]) => items.map((i) => `${i.period} ${i.contractId} ${i.slaId}`);

describe.each(ENGINES)('GET /reports/sla-compliance on %s', (engine) => {
  const env = withActiveMaster(engine, A);
  const get = (query = '') => env.c.http().get(`/reports/sla-compliance${query}`);
  const measure = (contractId: string, measurementId: string, value: string, occurredAt: string) =>
    env.c.post(`/contracts/${contractId}/sla-measurements`, { measurementId, slaId: 'availability', value, occurredAt }, RECORDER, 201);

  beforeAll(async () => {
    await env.c.partnership(OTHER);
    await env.c.activeMaster(B, OTHER);
  });

  it('lists every contract, SLA and month, latest month first, each command visible in the very next query', async () => {
    expect((await get().expect(200)).body).toEqual({ items: [], nextCursor: null, totals: [] });
    await measure(A, 'a-1', '99.95', d(7));
    await measure(A, 'a-2', '99.50', d(8));
    await measure(B, 'b-1', '99.99', d(7));
    await measure(B, 'b-2', '99.00', '2025-02-03T09:00:00Z');
    await env.c.post(`/contracts/${A}/sla-breaches`, { breachId: 'a-r1', slaId: 'p1-response', description: 'P1 answered after 2 hours', occurredAt: d(9) }, RECORDER, 201);
    const all = await get().expect(200);
    expect(keys(all.body.items)).toEqual(['2025-02 msa-report-b availability', '2025-01 msa-report-a availability', '2025-01 msa-report-a p1-response', '2025-01 msa-report-b availability']);
    expect(all.body.items[0]).toMatchObject({ partnershipId: OTHER, measurements: 1, breached: 1, compliancePercent: '0.00', creditsAccrued: '3000.00' });
    expect(all.body.totals).toEqual([{ currency: 'EUR', accrued: '7500.00', waived: '0.00', net: '7500.00' }]);

    await env.c.post(`/contracts/${A}/sla-breaches/a-2/credit-waiver`, { reason: 'Agreed at the steering committee', occurredAt: d(10) }, PEOPLE.carol.personId);
    expect((await get().expect(200)).body.totals).toEqual([{ currency: 'EUR', accrued: '7500.00', waived: '3000.00', net: '4500.00' }]);
  });

  it('filters by partnership, contract, month range and belowTarget; totals follow the filters', async () => {
    const ofA = await get('?partnershipId=acme-globex').expect(200);
    expect(keys(ofA.body.items)).toEqual(['2025-01 msa-report-a availability', '2025-01 msa-report-a p1-response']);
    expect(ofA.body.totals).toEqual([{ currency: 'EUR', accrued: '4500.00', waived: '3000.00', net: '1500.00' }]);
    expect(keys((await get(`?contractId=${B}`).expect(200)).body.items)).toEqual(['2025-02 msa-report-b availability', '2025-01 msa-report-b availability']);
    expect(keys((await get('?from=2025-02').expect(200)).body.items)).toEqual(['2025-02 msa-report-b availability']);
    expect(keys((await get('?to=2025-01&contractId=msa-report-b').expect(200)).body.items)).toEqual(['2025-01 msa-report-b availability']);
    const below = await get('?belowTarget=true').expect(200);
    expect(keys(below.body.items)).toEqual(['2025-02 msa-report-b availability', '2025-01 msa-report-a availability', '2025-01 msa-report-a p1-response']);
    expect(keys((await get('?belowTarget=false').expect(200)).body.items)).toEqual(['2025-01 msa-report-b availability']);
    expect((await get('?partnershipId=nobody').expect(200)).body).toEqual({ items: [], nextCursor: null, totals: [] });
  });

  it('pages with an opaque cursor; the totals are those of the whole list on every page', async () => {
    const first = await get('?limit=3').expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await get(`?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    expect(keys(second.body.items)).toEqual(['2025-01 msa-report-b availability']);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.totals).toEqual(first.body.totals);
  });

  it('answers bad filters with a 400 naming the field', async () => {
    const field = async (query: string) => (await get(query).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field('?belowTarget=yes')).toEqual(['belowTarget']);
    expect(await field('?from=2025-1')).toEqual(['from']);
    expect(await field('?from=2025-06&to=2025-01')).toEqual(['to']);
    expect(await field('?partnershipId=a%20b')).toEqual(['partnershipId']);
    expect(await field('?contractId=')).toEqual(['contractId']);
    expect(await field('?limit=501')).toEqual(['limit']);
    expect(await field('?status=active')).toEqual(['status']);
  });
});
