import { CommandGateway } from '@covenant/application/commands/command-gateway';
import { addDays, renewalDates } from '@covenant/domain';
import { ENGINES } from '../../../../test/e2e/app-fixture';
import { d, masterTerms, PEOPLE, RECORDER, withActiveMaster } from '../contracts/test-support/contract-http';

const MSA = 'msa-portfolio';
const ZERO = { draft: 0, signed: 0, active: 0, exiting: 0, expired: 0, closed: 0 };
const { decisionDueAt } = renewalDates(masterTerms());

describe.each(ENGINES)('GET /reports/portfolio on %s', (engine) => {
  const env = withActiveMaster(engine, MSA);
  const get = (query = '') => env.c.http().get(`/reports/portfolio${query}`);
  const now = `now=${d(40)}`;

  it('counts contracts by status and lists none at risk while nothing is wrong', async () => {
    await env.c.post('/contracts', { contractId: 'msa-portfolio-draft', partnershipId: 'acme-globex', terms: masterTerms(), occurredAt: d(-1) }, RECORDER, 201);
    const res = await get(`?${now}`).expect(200);
    expect(res.body).toEqual({ now: new Date(d(40)).toISOString(), counts: { ...ZERO, draft: 1, active: 1 }, total: 2, atRiskCount: 0, items: [], nextCursor: null });
  });

  it('lists a contract with a failing SLA as soon as the breaching measurement is recorded', async () => {
    await env.c.post(`/contracts/${MSA}/sla-measurements`, { measurementId: 'm-1', slaId: 'availability', value: '99.50', occurredAt: d(8) }, RECORDER, 201);
    const res = await get(`?${now}`).expect(200);
    expect(res.body.atRiskCount).toBe(1);
    expect(res.body.items).toEqual([
      {
        contractId: MSA,
        partnershipId: 'acme-globex',
        title: 'Master Services Agreement',
        kind: 'master',
        masterContractId: null,
        status: 'active',
        reasons: ['failing-sla'],
        openLevel3Escalations: 0,
        level3EscalationIds: [],
        failingSlas: 1,
        failingSlaIds: ['availability'],
        renewalDecisionDueAt: null,
        renewalExpiresAt: null,
        version: 4,
      },
    ]);
    // A clean measurement in a later month: the SLA no longer fails.
    await env.c.post(`/contracts/${MSA}/sla-measurements`, { measurementId: 'm-2', slaId: 'availability', value: '99.99', occurredAt: '2025-02-03T09:00:00Z' }, RECORDER, 201);
    expect((await get(`?${now}`).expect(200)).body.atRiskCount).toBe(0);
  });

  it('lists an escalation once it reaches the executive tier, until it is resolved', async () => {
    await env.c.post(`/contracts/${MSA}/escalations`, { escalationId: 'esc-1', subject: 'Roadmap slip', occurredAt: d(20) }, RECORDER, 201);
    await env.c.post('/escalations/esc-1/escalation', { reason: 'needs budget', occurredAt: d(20.1) }, PEOPLE.alice.personId);
    expect((await get(`?${now}`).expect(200)).body.atRiskCount).toBe(0);
    await env.c.post('/escalations/esc-1/escalation', { reason: 'strategic', occurredAt: d(20.2) }, PEOPLE.carol.personId);
    const up = await get(`?${now}`).expect(200);
    expect(up.body.items).toEqual([expect.objectContaining({ contractId: MSA, reasons: ['open-level-3-escalation'], openLevel3Escalations: 1, level3EscalationIds: ['esc-1'] })]);
    await env.c.post('/escalations/esc-1/resolution', { resolution: 'Budget approved', occurredAt: d(21) }, PEOPLE.erin.personId);
    expect((await get(`?${now}`).expect(200)).body.items).toEqual([]);
  });

  it('lists a renewal decision once due, overdue strictly after its date', async () => {
    // No HTTP route runs the scheduler: its tick goes through the same command gateway as every command.
    await env.t.app.get(CommandGateway).contract(MSA, { type: 'OpenDueRenewalWindows', actorId: 'system:scheduler', now: decisionDueAt }, { actorId: 'system:scheduler', correlationId: 'e2e-renewal-tick' });
    const due = await get(`?now=${decisionDueAt}`).expect(200);
    expect(due.body.items).toEqual([
      expect.objectContaining({ contractId: MSA, reasons: ['renewal-decision-due'], renewalDecisionDueAt: decisionDueAt, renewalExpiresAt: masterTerms().expiresAt }),
    ]);
    const overdue = await get(`?now=${addDays(decisionDueAt, 1)}`).expect(200);
    expect(overdue.body.items[0].reasons).toEqual(['renewal-decision-overdue']);
    // Without `now` the current time decides: the due date (in 2027) may lie either side of it.
    const today = await get().expect(200);
    expect(today.body.items[0].reasons).toEqual([Date.parse(decisionDueAt) < Date.parse(today.body.now) ? 'renewal-decision-overdue' : 'renewal-decision-due']);
  });

  it('filters by partnership and pages the contracts at risk with an opaque cursor', async () => {
    await env.c.activeMaster('msa-portfolio-2');
    await env.c.post('/contracts/msa-portfolio-2/sla-measurements', { measurementId: 'm-2-1', slaId: 'availability', value: '99.00', occurredAt: d(8) }, RECORDER, 201);
    const first = await get(`?limit=1&now=${decisionDueAt}`).expect(200);
    expect(first.body).toMatchObject({ atRiskCount: 2, items: [{ contractId: MSA }] });
    const second = await get(`?limit=1&now=${decisionDueAt}&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items).toEqual([expect.objectContaining({ contractId: 'msa-portfolio-2', status: 'active', reasons: ['failing-sla'] })]);
    expect(second.body.nextCursor).toBeNull();
    expect((await get('?partnershipId=acme-globex').expect(200)).body).toMatchObject({ atRiskCount: 2, counts: { ...ZERO, draft: 1, active: 2 } });
    expect((await get('?partnershipId=nobody').expect(200)).body).toMatchObject({ counts: ZERO, total: 0, atRiskCount: 0, items: [] });
  });

  it('answers bad filters with a 400 naming the field', async () => {
    const field = async (query: string) => (await get(query).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field('?now=yesterday')).toEqual(['now', 'now']);
    expect(await field('?partnershipId=a%20b')).toEqual(['partnershipId']);
    expect(await field('?limit=0')).toEqual(['limit']);
    expect(await field('?status=active')).toEqual(['status']);
    expect((await get('?cursor=bm90LWEtY3Vyc29y').expect(400)).body.code).toBe('REQUEST.INVALID_CURSOR');
  });
});
