import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, PEOPLE, RECORDER, withActiveMaster } from './test-support/contract-http';

const MSA = 'msa-sla-compliance';
const path = `/contracts/${MSA}/sla-compliance`;

describe.each(ENGINES)('GET /contracts/{id}/sla-compliance on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = (query = '') => env.c.http().get(`${path}${query}`);

  it('shows each SLA fact in the very next query: counts by month, compliance, credits accrued and waived, the stream version as ETag', async () => {
    const empty = await get().expect(200);
    expect(empty.body).toEqual({ contractId: MSA, partnershipId: 'acme-globex', items: [], nextCursor: null, totals: [] });
    expect(empty.headers.etag).toBe('"0"');

    await env.c.post(`/contracts/${MSA}/sla-measurements`, { measurementId: 'm-1', slaId: 'availability', value: '99.95', occurredAt: d(7) }, RECORDER, 201);
    const breach = await env.c.accepted(`/contracts/${MSA}/sla-measurements`, { measurementId: 'm-2', slaId: 'availability', value: '99.50', occurredAt: d(8) }, RECORDER, 201);
    const measured = await get().expect(200);
    expect(measured.headers.etag).toBe(`"${breach.version}"`);
    expect(measured.body.items).toEqual([
      {
        contractId: MSA,
        partnershipId: 'acme-globex',
        slaId: 'availability',
        slaName: 'Service availability',
        metric: 'availability',
        unit: 'percent',
        target: '99.9',
        comparison: 'at-least',
        termsVersion: 1,
        period: '2025-01',
        measurements: 2,
        met: 1,
        breached: 1,
        excluded: 0,
        breaches: 1,
        reportedBreaches: 0,
        compliancePercent: '50.00',
        creditsAccrued: '3000.00',
        creditsWaived: '0.00',
        currency: 'EUR',
      },
    ]);

    const waived = await env.c.accepted(`/contracts/${MSA}/sla-breaches/m-2/credit-waiver`, { reason: 'Root cause on the Acme side', occurredAt: d(9) }, PEOPLE.carol.personId);
    const afterWaiver = await get().expect(200);
    expect(afterWaiver.headers.etag).toBe(`"${waived.version}"`);
    expect(afterWaiver.body.items[0]).toMatchObject({ creditsAccrued: '3000.00', creditsWaived: '3000.00' });
    expect(afterWaiver.body.totals).toEqual([{ currency: 'EUR', accrued: '3000.00', waived: '3000.00', net: '0.00' }]);

    await env.c.post(`/contracts/${MSA}/sla-breaches`, { breachId: 'r-1', slaId: 'p1-response', description: 'P1 #4711 answered after 2 hours', occurredAt: d(9) }, RECORDER, 201);
    const reported = await get().expect(200);
    expect(reported.body.items.map((i: { slaId: string }) => i.slaId)).toEqual(['availability', 'p1-response']);
    expect(reported.body.items[1]).toMatchObject({ measurements: 0, breaches: 1, reportedBreaches: 1, compliancePercent: null, creditsAccrued: '1500.00' });
    expect(reported.body.totals).toEqual([{ currency: 'EUR', accrued: '4500.00', waived: '3000.00', net: '1500.00' }]);
  });

  it('filters by SLA and month range and pages with a cursor, the totals covering every page', async () => {
    await env.c.post(`/contracts/${MSA}/sla-measurements`, { measurementId: 'm-feb', slaId: 'availability', value: '99.97', occurredAt: '2025-02-03T09:00:00Z' }, RECORDER, 201);
    const first = await get('?limit=2').expect(200);
    expect(first.body.items.map((i: { period: string; slaId: string }) => `${i.period} ${i.slaId}`)).toEqual(['2025-02 availability', '2025-01 availability']);
    const second = await get(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((i: { period: string; slaId: string }) => `${i.period} ${i.slaId}`)).toEqual(['2025-01 p1-response']);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.totals).toEqual(first.body.totals);

    const feb = await get('?from=2025-02&to=2025-02').expect(200);
    expect(feb.body.items).toEqual([expect.objectContaining({ period: '2025-02', measurements: 1, met: 1, compliancePercent: '100.00', creditsAccrued: '0.00' })]);
    expect(feb.body.totals).toEqual([]);
    const p1 = await get('?slaId=p1-response').expect(200);
    expect(p1.body.items.map((i: { slaId: string }) => i.slaId)).toEqual(['p1-response']);
    expect((await get('?to=2024-12').expect(200)).body.items).toEqual([]);
  });

  it('answers an unknown contract with a 404 problem', async () => {
    const res = await env.c.http().get('/contracts/no-such-contract/sla-compliance').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'CONTRACT.NOT_FOUND' });
  });

  it('answers bad filters with a 400 naming the field', async () => {
    const field = async (query: string) => (await get(query).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field('?from=2025-13')).toEqual(['from']);
    expect(await field('?to=25-01')).toEqual(['to']);
    expect(await field('?from=2025-03&to=2025-02')).toEqual(['to']);
    expect(await field('?slaId=no%20spaces')).toEqual(['slaId']);
    expect(await field('?belowTarget=true')).toEqual(['belowTarget']);
    expect(await field('?limit=0')).toEqual(['limit']);
    const cursor = await get('?cursor=bm90LWEtY3Vyc29y').expect(400);
    expect(cursor.body).toMatchObject({ code: 'REQUEST.INVALID_CURSOR', errors: [{ field: 'cursor' }] });
  });
});
