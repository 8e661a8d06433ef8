import { ENGINES } from '../../../../test/e2e/app-fixture';
import { PARTNERSHIP_ID, PEOPLE, withActiveMaster } from '../contracts/test-support/contract-http';

const A = 'msa-renewals';
const B = 'msa-renewals-2';
const BEFORE_WINDOW = '2027-09-01T00:00:00Z';

describe.each(ENGINES)('GET /reports/renewals on %s', (engine) => {
  const env = withActiveMaster(engine, A);
  const get = (path: string) => env.c.http().get(path);
  const items = async (query: string) => (await get(`/reports/renewals?${query}`).expect(200)).body.items as Array<Record<string, unknown>>;
  const ids = async (query: string) => (await items(query)).map((r) => r.contractId);

  it('lists each active contract’s renewal cycle: expiry in force, window, decision date, decline-by, phase', async () => {
    await env.c.activeMaster(B);
    expect(await items(`partnershipId=${PARTNERSHIP_ID}&now=${BEFORE_WINDOW}`)).toEqual(
      [A, B].map((contractId) => ({
        contractId,
        partnershipId: PARTNERSHIP_ID,
        title: 'Master Services Agreement',
        phase: 'pending',
        expiresAt: '2028-01-06T09:00:00.000Z',
        windowOpensAt: '2027-09-08T09:00:00.000Z',
        decisionDueAt: '2027-11-07T09:00:00.000Z',
        declineBy: '2027-10-08T09:00:00.000Z',
        cycleSince: '2025-01-06T09:00:00.000Z',
        autoRenew: true,
        renewalTermDays: 365,
        renewals: 0,
        decisionOverdue: false,
        version: 3,
      })),
    );
    // "Due within N days": the decision is due 67 days and 9 hours after 2027-09-01T00:00.
    expect(await ids(`withinDays=67&now=${BEFORE_WINDOW}`)).toEqual([]);
    expect(await ids(`withinDays=68&now=${BEFORE_WINDOW}`)).toEqual([A, B]);
    expect((await items('now=2027-11-08T00:00:00Z&withinDays=0')).map((r) => r.decisionOverdue)).toEqual([true, true]);
  });

  it('shows a renewal and a notice of non-renewal on the very next report', async () => {
    await env.c.post(`/contracts/${A}/renewal`, { decision: 'renew', occurredAt: '2027-09-20T09:00:00Z' }, PEOPLE.erin.personId);
    await env.c.post(`/contracts/${B}/renewal`, { decision: 'decline', reason: 'Scope moves in-house', occurredAt: '2027-09-21T09:00:00Z' }, PEOPLE.frank.personId);
    const [renewed] = await items(`phase=renewed`);
    expect(renewed).toMatchObject({
      contractId: A,
      expiresAt: '2029-01-05T09:00:00.000Z',
      windowOpensAt: '2028-09-07T09:00:00.000Z',
      decisionDueAt: '2028-11-06T09:00:00.000Z',
      cycleSince: '2027-09-20T09:00:00.000Z',
      renewals: 1,
      version: 4,
    });
    expect(await ids('phase=declined')).toEqual([B]);
    expect(await ids('phase=pending,window-open,decision-due')).toEqual([]);
    // Soonest decision first: the declined one (2027) before the renewed one (2028).
    expect(await ids(`now=${BEFORE_WINDOW}`)).toEqual([B, A]);
    expect(await ids(`withinDays=68&now=${BEFORE_WINDOW}`)).toEqual([B]);
    const first = await get(`/reports/renewals?limit=1&now=${BEFORE_WINDOW}`).expect(200);
    const second = await get(`/reports/renewals?limit=1&now=${BEFORE_WINDOW}&cursor=${first.body.nextCursor}`).expect(200);
    expect([first.body.items[0].contractId, second.body.items[0].contractId, second.body.nextCursor]).toEqual([B, A, null]);
  });

  it.each([
    ['phase=lapsed', 'phase'],
    ['withinDays=-3', 'withinDays'],
    ['withinDays=3.5', 'withinDays'],
    ['now=next-week', 'now'],
    ['partnershipId=a%20b', 'partnershipId'],
    ['status=active', 'status'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
  ])('GET /reports/renewals?%s is a 400 naming the field', async (query, field) => {
    const res = await get(`/reports/renewals?${query}`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
