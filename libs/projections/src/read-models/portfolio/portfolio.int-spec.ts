import { ContractCommand, ContractEvent, contractStream, renewalDates } from '@covenant/domain';
import {
  aDraftedContract,
  anActiveMaster,
  aSignedContract,
  at,
  contractContext,
  contractStateOf,
  days,
  hours,
  masterTerms,
  MSA_ID,
  PARTNERSHIP_ID,
  PEOPLE,
  RECORDER,
  runContract,
} from '@covenant/testing/builders';
import { runStory } from '@covenant/testing/domain-story';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { rebuild } from '../../framework/rebuild';
import { draftedIn, expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { portfolioProjection } from './portfolio.projection';
import { portfolioReport } from './portfolio.queries';

const ctx = contractContext();
const d = (n: number, h = 0): string => at(days(n) + hours(h));
const SCHED = 'system:scheduler';
const measure = (measurementId: string, occurredAt: string, value: string, slaId = 'availability'): ContractCommand => ({
  type: 'RecordSlaMeasurement',
  actorId: RECORDER,
  occurredAt,
  measurementId,
  slaId,
  value,
});
const raise = (escalationId: string, occurredAt: string): ContractCommand => ({ type: 'RaiseEscalation', actorId: RECORDER, occurredAt, escalationId, subject: 'Invoices rejected twice' });
const { decisionDueAt } = renewalDates(masterTerms());
const ZERO = { draft: 0, signed: 0, active: 0, exiting: 0, expired: 0, closed: 0 };

describe.each(['sqlite', 'postgres'] as const)('committee portfolio read model on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([portfolioProjection]) : await ProjectionHarness.postgres([portfolioProjection]);
  });
  afterEach(() => h.close());

  /** Appends a contract's events in one go; `later` continues the same stream. */
  const streams = new Map<string, ContractEvent[]>();
  beforeEach(() => streams.clear());
  const contract = async (contractId: string, events: ContractEvent[]) => {
    const before = streams.get(contractId) ?? [];
    await h.append(contractStream(contractId), events.slice(before.length));
    streams.set(contractId, events);
    return events;
  };
  const more = (contractId: string, commands: ContractCommand[]) => contract(contractId, runContract(commands, ctx, streams.get(contractId)));
  const report = async (filter: { partnershipId?: string; now?: string } = {}, page = {}) => portfolioReport(await h.source(), { now: d(30), ...filter }, page);

  it('counts contracts by status as the contract decider sees it: drafted, signed by every party, active, exiting, expired, closed', async () => {
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events);
    await contract('c-draft', aDraftedContract({ contractId: 'c-draft' }));
    await contract('c-signed', aSignedContract({ contractId: 'c-signed' }));
    await contract('c-active', anActiveMaster({ contractId: 'c-active' }));
    const half = runContract([{ type: 'SignContract', actorId: RECORDER, occurredAt: d(-10), partyId: 'acme', signatoryName: 'Erin Exec' }], ctx, aDraftedContract({ contractId: 'c-half' }));
    await contract('c-half', half);
    const r = await report();
    expect(r.counts).toEqual({ ...ZERO, draft: 2, signed: 1, active: 1, expired: 1, closed: 2 });
    expect(r.total).toBe(7);
    const rows = await h.rows('rm_portfolio', 'contract_id');
    const byId = Object.fromEntries(rows.map((row) => [row.contract_id, row]));
    for (const [streamId, events] of Object.entries(story.streams).filter(([s]) => s.startsWith('contract-'))) {
      const state = contractStateOf(events as ContractEvent[]);
      if (state.status === 'none') throw new Error('no contract');
      expect(byId[state.contractId]).toMatchObject({ status: state.status, title: state.terms.title, kind: state.kind, master_contract_id: state.masterContractId, version: events.length - 1 });
      expect(streamId).toBe(`contract-${state.contractId}`);
    }
  });

  it('counts an escalation at the executive tier while it is open: raised, moved up by its deadlines, resolved', async () => {
    await contract(MSA_ID, anActiveMaster());
    await more(MSA_ID, [raise('esc-1', d(12)), raise('esc-2', d(12, 1))]);
    expect((await report()).atRiskCount).toBe(0);
    // 24 h at level 1, 72 h at level 2: by day 17 both are with the executive sponsors.
    await more(MSA_ID, [{ type: 'EscalateOverdue', actorId: SCHED, now: d(17) }]);
    const up = await report();
    expect(up.items).toEqual([
      expect.objectContaining({ contractId: MSA_ID, reasons: ['open-level-3-escalation'], openLevel3Escalations: 2, level3EscalationIds: ['esc-1', 'esc-2'], failingSlas: 0 }),
    ]);
    await more(MSA_ID, [{ type: 'ResolveEscalation', actorId: PEOPLE.erin.personId, occurredAt: d(18), escalationId: 'esc-1', resolution: 'Budget approved' }]);
    expect((await report()).items[0]).toMatchObject({ openLevel3Escalations: 1, level3EscalationIds: ['esc-2'] });
    await more(MSA_ID, [{ type: 'ResolveEscalation', actorId: PEOPLE.frank.personId, occurredAt: d(19), escalationId: 'esc-2', resolution: 'Scope cut' }]);
    expect(await report()).toMatchObject({ atRiskCount: 0, items: [], nextCursor: null });
    const escalations = await h.rows('rm_portfolio_escalations', 'escalation_id');
    expect(escalations.map((e) => [e.escalation_id, e.level, e.tier, Number(e.open)])).toEqual([
      ['esc-1', 3, 'executive', 0],
      ['esc-2', 3, 'executive', 0],
    ]);
  });

  it('counts an escalation moved up by hand only once it reaches the executive tier', async () => {
    await contract(MSA_ID, anActiveMaster());
    await more(MSA_ID, [raise('esc-1', d(12)), { type: 'EscalateEscalation', actorId: PEOPLE.alice.personId, occurredAt: d(12, 2), escalationId: 'esc-1', reason: 'needs budget' }]);
    expect((await h.rows('rm_portfolio', 'contract_id'))[0].open_level3_escalations).toBe(0);
    await more(MSA_ID, [{ type: 'EscalateEscalation', actorId: PEOPLE.carol.personId, occurredAt: d(12, 3), escalationId: 'esc-1', reason: 'strategic' }]);
    expect((await h.rows('rm_portfolio', 'contract_id'))[0].open_level3_escalations).toBe(1);
  });

  it('fails an SLA while its latest month with counted facts has a breach; a clean later month clears it, a maintenance-window measurement does not', async () => {
    await contract(MSA_ID, anActiveMaster());
    await more(MSA_ID, [measure('m-1', d(7), '99.95'), measure('m-2', d(8), '99.50')]);
    expect((await report()).items[0]).toMatchObject({ reasons: ['failing-sla'], failingSlas: 1, failingSlaIds: ['availability'] });
    await more(MSA_ID, [measure('m-3', '2025-02-03T09:00:00.000Z', '99.99')]);
    expect((await report()).atRiskCount).toBe(0);
    // Sunday 2 March 03:00 UTC is in the maintenance window: not a counted fact.
    await more(MSA_ID, [measure('m-sun', '2025-03-02T03:00:00.000Z', '10.00')]);
    expect((await report()).atRiskCount).toBe(0);
    // A breach of an earlier month recorded late does not make the SLA fail again.
    await more(MSA_ID, [measure('m-late', '2025-01-20T09:00:00.000Z', '98.00')]);
    expect((await report()).atRiskCount).toBe(0);
    // A P1 breach reported directly makes that SLA fail.
    await more(MSA_ID, [{ type: 'ReportSlaBreach', actorId: RECORDER, occurredAt: '2025-02-10T09:00:00.000Z', breachId: 'r-1', slaId: 'p1-response', description: 'P1 answered after 2 hours' }]);
    expect((await report()).items[0]).toMatchObject({ failingSlas: 1, failingSlaIds: ['p1-response'] });
    expect((await h.rows('rm_portfolio_slas', 'sla_id')).map((r) => [r.sla_id, r.latest_period, Number(r.breached)])).toEqual([
      ['availability', '2025-02', 0],
      ['p1-response', '2025-02', 1],
    ]);
  });

  it('flags a renewal decision once due, overdue strictly after its date, until the contract is renewed', async () => {
    await contract(MSA_ID, anActiveMaster());
    await more(MSA_ID, [{ type: 'OpenDueRenewalWindows', actorId: SCHED, now: decisionDueAt }]);
    const due = await report({ now: decisionDueAt });
    expect(due.items).toEqual([expect.objectContaining({ reasons: ['renewal-decision-due'], renewalDecisionDueAt: decisionDueAt, renewalExpiresAt: masterTerms().expiresAt })]);
    const overdue = await report({ now: at(1, decisionDueAt) });
    expect(overdue.items[0].reasons).toEqual(['renewal-decision-overdue']);
    await more(MSA_ID, [{ type: 'RenewContract', actorId: PEOPLE.frank.personId, occurredAt: at(days(1), decisionDueAt) }]);
    expect((await report({ now: at(days(2), decisionDueAt) })).atRiskCount).toBe(0);
  });

  it('clears a due renewal decision when the renewal is declined, and leaves an expired contract out of the risks', async () => {
    const terms = masterTerms({ autoRenew: false });
    await contract('c-1', anActiveMaster({ contractId: 'c-1', terms }));
    await more('c-1', [measure('c1-m', d(8), '99.50'), { type: 'OpenDueRenewalWindows', actorId: SCHED, now: decisionDueAt }]);
    const later = at(days(1), decisionDueAt);
    expect((await report({ now: later })).items.map((i) => [i.contractId, i.reasons])).toEqual([['c-1', ['failing-sla', 'renewal-decision-overdue']]]);
    await more('c-1', [{ type: 'DeclineRenewal', actorId: PEOPLE.erin.personId, occurredAt: later, reason: 'analytics moves in-house' }]);
    expect((await report({ now: later })).items.map((i) => [i.contractId, i.reasons])).toEqual([['c-1', ['failing-sla']]]);
    await more('c-1', [{ type: 'ProcessExpiry', actorId: SCHED, now: terms.expiresAt }]);
    const after = await report({ now: terms.expiresAt });
    expect(after).toMatchObject({ atRiskCount: 0, items: [], counts: { ...ZERO, expired: 1 } });
  });

  it('pages the at-risk contracts by contract id and filters by partnership', async () => {
    for (const id of ['c-a', 'c-b', 'c-c']) {
      await contract(id, anActiveMaster({ contractId: id }));
      await more(id, [measure(`${id}-m`, d(8), '99.50')]);
    }
    await contract('c-ok', anActiveMaster({ contractId: 'c-ok' }));
    const first = await report({}, { limit: 2 });
    expect(first.items.map((i) => i.contractId)).toEqual(['c-a', 'c-b']);
    expect(first).toMatchObject({ atRiskCount: 3, total: 4, counts: { ...ZERO, active: 4 } });
    const second = await report({}, { limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((i) => i.contractId)).toEqual(['c-c']);
    expect(second.nextCursor).toBeNull();
    expect(await report({ partnershipId: 'someone-else' })).toMatchObject({ total: 0, atRiskCount: 0, items: [], counts: ZERO });
    expect((await report({ partnershipId: PARTNERSHIP_ID })).atRiskCount).toBe(3);
  });

  it("computes every figure over the caller's partnerships only: counts by status, total, at-risk count and the at-risk page", async () => {
    // acme-globex: two contracts failing an SLA, one healthy, one draft. p-other: one failing with an executive escalation, one signed.
    for (const id of ['c-a', 'c-b']) {
      await contract(id, anActiveMaster({ contractId: id }));
      await more(id, [measure(`${id}-m`, d(8), '99.50')]);
    }
    await contract('c-ok', anActiveMaster({ contractId: 'c-ok' }));
    await contract('c-draft', aDraftedContract({ contractId: 'c-draft' }));
    await contract('o-a', draftedIn('p-other', runContract([measure('o-a-m', d(8), '99.50'), raise('esc-o', d(12)), { type: 'EscalateOverdue', actorId: SCHED, now: d(17) }], ctx, anActiveMaster({ contractId: 'o-a' }))));
    await contract('o-signed', draftedIn('p-other', aSignedContract({ contractId: 'o-signed' })));
    const source = await h.source();
    const scoped = (scope: readonly string[] | undefined, filter: { partnershipId?: string } = {}, page = {}) => portfolioReport(source, { now: d(30), ...filter }, page, scope);

    expect(await scoped(undefined)).toMatchObject({ total: 6, atRiskCount: 3, counts: { ...ZERO, draft: 1, signed: 1, active: 4 } });
    const mine = await scoped(['p-other']);
    expect(mine).toEqual({
      now: d(30),
      counts: { ...ZERO, signed: 1, active: 1 },
      total: 2,
      atRiskCount: 1,
      items: [expect.objectContaining({ contractId: 'o-a', partnershipId: 'p-other', reasons: ['open-level-3-escalation', 'failing-sla'], level3EscalationIds: ['esc-o'], failingSlaIds: ['availability'] })],
      nextCursor: null,
    });
    expect(JSON.stringify(mine)).not.toContain(PARTNERSHIP_ID);
    // The same figures as asking for that partnership with no scope at all.
    expect(mine).toEqual(await scoped(undefined, { partnershipId: 'p-other' }));
    expect(await scoped([PARTNERSHIP_ID])).toMatchObject({ total: 4, atRiskCount: 2, counts: { ...ZERO, draft: 1, active: 3 } });
    const nothing = { now: d(30), counts: ZERO, total: 0, atRiskCount: 0, items: [], nextCursor: null };
    expect(await scoped([])).toEqual(nothing);
    expect(await scoped([], { partnershipId: 'p-other' })).toEqual(nothing);
    expect(await scoped(['p-other'], { partnershipId: PARTNERSHIP_ID })).toEqual(nothing);
    expect(await scoped(['no-such-partnership'])).toEqual(nothing);

    await expectListWithinScope(
      async (scope, page, partnershipId) => {
        const { items, nextCursor } = await scoped(scope, { partnershipId }, page);
        return { items, nextCursor };
      },
      { key: (i) => i.contractId, partnershipOf: (i) => i.partnershipId, mine: 'p-other', theirs: PARTNERSHIP_ID, pageSize: 1, partnershipFilter: true },
    );
  });

  it('gives the same rows when every event is applied twice, and the same rows again when rebuilt from the log', async () => {
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events);
    await contract('c-2', anActiveMaster({ contractId: 'c-2' }));
    await more('c-2', [measure('m-1', d(8), '99.50'), raise('esc-1', d(12)), { type: 'EscalateOverdue', actorId: SCHED, now: d(17) }, { type: 'OpenDueRenewalWindows', actorId: SCHED, now: decisionDueAt }]);
    const before = await h.snapshot();
    expect(before.rm_portfolio.find((r) => r.contract_id === 'c-2')).toMatchObject({ failing_slas: 1, open_level3_escalations: 1, renewal_decision_due: 1 });
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
    await rebuild(h.projector, [portfolioProjection], { fresh: true });
    expect(await h.snapshot()).toEqual(before);
  });
});
