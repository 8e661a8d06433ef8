import type { ContractCommand } from '@covenant/domain';
import { anActiveMaster, at, contractContext, days, RECORDER, runContract } from '@covenant/testing/builders';
import { runStory } from '@covenant/testing/domain-story';
import { appendHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import type { ReadModelSource } from '../../framework/read-model-source';
import { draftedIn, expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { canonicalInstant } from '../contract-state/contract-view';
import { appendStory, replayAll } from '../contract-state/test-support/replay';
import { disputesProjection } from './disputes.projection';
import { disputeById, DisputeFilter, listDisputes } from './disputes.queries';
import { escalationsProjection } from './escalations.projection';
import { EscalationFilter, escalationById, listEscalations } from './escalations.queries';

const MSA = 'msa-acme-globex';
const MSA_STREAM = `contract-${MSA}`;
const HISTORY = { seed: 7, partnerships: 3, contractsPerPartnership: 3, months: 6 };
const PROJECTIONS = [escalationsProjection, disputesProjection];

describe.each(['sqlite', 'postgres'] as const)('escalations and disputes on %s', (engine) => {
  let h: ProjectionHarness;
  let source: ReadModelSource;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite(PROJECTIONS) : await ProjectionHarness.postgres(PROJECTIONS);
    source = await h.source();
  });
  afterEach(() => h.close());

  const escalationIds = async (filter: EscalationFilter, limit = 500) => (await listEscalations(source, filter, { limit })).items.map((e) => e.escalationId);
  const disputeIds = async (filter: DisputeFilter, limit = 500) => (await listDisputes(source, filter, { limit })).items.map((d) => d.disputeId);

  it('keeps each escalation at its current level, tier and deadline, with every move up the ladder and its resolution', async () => {
    await appendStory(h, runStory());
    expect(await escalationById(source, 'esc-1', '2025-02-01T00:00:00.000Z')).toEqual({
      escalationId: 'esc-1',
      contractId: MSA,
      partnershipId: 'acme-globex',
      subject: 'Invoices rejected twice',
      relatesTo: { kind: 'sla-breach', id: 'r-1' },
      raisedBy: 'mallory',
      raisedAt: '2025-01-18T09:00:00.000Z',
      level: 2,
      tier: 'steering',
      dueAt: '2025-01-22T09:00:00.000Z',
      status: 'resolved',
      overdue: false,
      history: [
        {
          fromLevel: 1,
          toLevel: 2,
          tier: 'steering',
          dueAt: '2025-01-22T09:00:00.000Z',
          at: '2025-01-19T09:00:00.000Z',
          automatic: true,
          reason: 'level 1 response deadline 2025-01-19T09:00:00.000Z passed',
        },
      ],
      resolvedAt: '2025-01-20T10:00:00.000Z',
      resolvedBy: 'carol',
      resolution: 'Invoice template fixed',
      resolvedWithinDeadline: true,
      version: 18,
    });
    expect(await escalationById(source, 'esc-2', '2025-01-24T10:59:59.999Z')).toMatchObject({
      relatesTo: null,
      level: 2,
      tier: 'steering',
      dueAt: '2025-01-24T11:00:00.000Z',
      status: 'open',
      // Deadlines are exclusive: a millisecond before it is not yet overdue; at the deadline it is.
      overdue: false,
      history: [{ fromLevel: 1, toLevel: 2, automatic: false, reason: 'needs budget', at: '2025-01-21T11:00:00.000Z' }],
      resolvedAt: null,
      resolvedWithinDeadline: null,
      version: 20,
    });
    expect((await escalationById(source, 'esc-2', '2025-01-24T11:00:00.000Z'))?.overdue).toBe(true);
    expect(await escalationById(source, 'nope')).toBeNull();
  });

  it('keeps each dispute at its step of the ladder, with the mediation deadline, papers, steps taken and outcome', async () => {
    await appendStory(h, runStory());
    expect(await disputeById(source, 'd-1', '2025-06-01T00:00:00.000Z')).toEqual({
      disputeId: 'd-1',
      contractId: MSA,
      partnershipId: 'acme-globex',
      subject: 'Unpaid change order CO-7',
      step: 'arbitration',
      status: 'resolved',
      raisedByPartyId: 'acme',
      respondentPartyId: 'globex',
      raisedBy: 'alice',
      escalationId: null,
      formalNoticeAt: '2025-03-07T09:00:00.000Z',
      mediationDueBy: '2025-04-06T09:00:00.000Z',
      mediationScheduledFor: '2025-03-27T09:00:00.000Z',
      mediator: 'CEDR panel',
      mediationOverdue: false,
      positionPapers: 2,
      steps: [
        { fromStep: 'negotiation', toStep: 'relationship-managers', at: '2025-03-09T09:00:00.000Z', reason: 'no agreement' },
        { fromStep: 'relationship-managers', toStep: 'mediation', at: '2025-03-12T09:00:00.000Z', reason: 'no agreement' },
        { fromStep: 'mediation', toStep: 'arbitration', at: '2025-03-28T09:00:00.000Z', reason: 'mediation failed' },
      ],
      openedAt: '2025-03-07T09:00:00.000Z',
      resolvedAt: '2025-05-06T09:00:00.000Z',
      outcome: 'award',
      resolutionSummary: 'Globex pays 40 %',
      binding: true,
      version: 45,
    });
    // The scheduler recorded d-2's mediation as overdue: a fact that stays after the dispute was settled.
    expect(await disputeById(source, 'd-2', '2025-01-01T00:00:00.000Z')).toMatchObject({ step: 'negotiation', status: 'resolved', mediationOverdue: true, outcome: 'agreement', binding: false, raisedBy: 'bob' });
    expect(await disputeById(source, 'nope')).toBeNull();
  });

  it('counts an unscheduled mediation as overdue once its deadline has passed, before anyone records it', async () => {
    const msa = runStory().streams[MSA_STREAM];
    await h.append(MSA_STREAM, msa.slice(0, 42));
    // d-1 has its mediation date; d-2 (noticed 2025-03-17) must hold mediation by 2025-04-16T09:00.
    expect(await disputeIds({ mediationOverdue: true, now: '2025-04-16T08:59:59.999Z' })).toEqual([]);
    expect(await disputeIds({ mediationOverdue: true, now: '2025-04-16T09:00:00.000Z' })).toEqual(['d-2']);
    expect(await disputeIds({ mediationOverdue: false, now: '2025-04-16T09:00:00.000Z' })).toEqual(['d-1']);
    expect(await disputeIds({ status: 'open', steps: ['negotiation', 'relationship-managers'] })).toEqual(['d-2']);
  });

  it('lists open, overdue, by level, tier, step, partnership and contract, in a stable order', async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    expect(await escalationIds({ status: 'open' })).toEqual(['esc-2']);
    expect(await escalationIds({ overdue: true, now: '2025-01-24T00:00:00Z' })).toEqual([]);
    expect(await escalationIds({ overdue: true, now: '2025-01-25T00:00:00Z' })).toEqual(['esc-2']);
    expect(await escalationIds({ status: 'resolved' })).toHaveLength(30);
    expect(await escalationIds({ level: 2, partnershipId: 'acme-globex' })).toEqual(['esc-1', 'esc-2']);
    expect(await escalationIds({ tier: 'steering', contractId: MSA })).toEqual(['esc-1', 'esc-2']);
    // The SQL filters keep exactly the rows a plain filter over the whole list keeps.
    const everyEscalation = (await listEscalations(source, {}, { limit: 500 })).items;
    for (const level of [1, 2, 3]) {
      expect(await escalationIds({ level, contractId: 's7-p0-msa' })).toEqual(everyEscalation.filter((e) => e.level === level && e.contractId === 's7-p0-msa').map((e) => e.escalationId));
    }
    expect(await escalationIds({ tier: 'executive' })).toEqual(everyEscalation.filter((e) => e.tier === 'executive').map((e) => e.escalationId));
    expect(everyEscalation.filter((e) => e.level === 3).length).toBeGreaterThan(0);
    expect(await disputeIds({ steps: ['arbitration'] })).toEqual(['d-1']);
    expect(await disputeIds({ partnershipId: 'acme-globex' })).toEqual(['d-1', 'd-2']);
    const everyDispute = (await listDisputes(source, {}, { limit: 500 })).items;
    expect(await disputeIds({ contractId: 's7-p1-msa' })).toEqual(everyDispute.filter((d) => d.contractId === 's7-p1-msa').map((d) => d.disputeId));
    expect(await disputeIds({ partnershipId: 's7-p0', steps: ['relationship-managers'] })).toEqual(
      everyDispute.filter((d) => d.partnershipId === 's7-p0' && d.step === 'relationship-managers').map((d) => d.disputeId),
    );
    const all = await escalationIds({});
    const first = await listEscalations(source, {}, { limit: 7 });
    const rest = await listEscalations(source, {}, { limit: 500, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((e) => e.escalationId)).toEqual(all);
    expect(all).toHaveLength(31);
  });

  it("keeps escalations and disputes to the caller's partnerships, page by page; nothing for an empty scope or a partnership filter outside it", async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    const laws = { partnershipOf: (x: { partnershipId: string }) => x.partnershipId, mine: 's7-p1', theirs: 'acme-globex', partnershipFilter: true };
    await expectListWithinScope((scope, page, partnershipId) => listEscalations(source, { partnershipId }, page, scope), { ...laws, key: (e) => e.escalationId, pageSize: 2 });
    await expectListWithinScope((scope, page, partnershipId) => listDisputes(source, { partnershipId }, page, scope), { ...laws, key: (d) => d.disputeId, pageSize: 1 });
  });

  it("keeps the overdue-escalations report to the caller's partnerships", async () => {
    await appendStory(h, runStory());
    // Another partnership's contract with two escalations left unanswered, next to acme-globex's esc-2.
    const raise = (escalationId: string): ContractCommand => ({ type: 'RaiseEscalation', actorId: RECORDER, occurredAt: at(days(12)), escalationId, subject: 'No answer' });
    const other = runContract([raise('esc-o1'), raise('esc-o2')], contractContext(), anActiveMaster({ contractId: 'c-other' }));
    await h.append('contract-c-other', draftedIn('p-other', other));
    await expectListWithinScope((scope, page, partnershipId) => listEscalations(source, { overdue: true, now: '2025-06-01T00:00:00.000Z', partnershipId }, page, scope), {
      key: (e) => e.escalationId,
      partnershipOf: (e) => e.partnershipId,
      mine: 'p-other',
      theirs: 'acme-globex',
      pageSize: 1,
      partnershipFilter: true,
    });
  });

  it('agrees with the domain replay on every escalation and dispute of a generated history', async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    const escalations = (await listEscalations(source, {}, { limit: 500 })).items;
    const disputes = (await listDisputes(source, {}, { limit: 500 })).items;
    let expectedEscalations = 0;
    let expectedDisputes = 0;
    for (const { state } of (await replayAll(h)).values()) {
      for (const esc of Object.values(state.escalations)) {
        expectedEscalations++;
        expect(escalations.find((e) => e.escalationId === esc.escalationId)).toMatchObject({
          contractId: state.contractId,
          partnershipId: state.partnershipId,
          level: esc.level,
          tier: esc.tier,
          dueAt: canonicalInstant(esc.dueAt),
          status: esc.status,
        });
      }
      for (const d of Object.values(state.disputes)) {
        expectedDisputes++;
        expect(disputes.find((x) => x.disputeId === d.disputeId)).toMatchObject({
          contractId: state.contractId,
          partnershipId: state.partnershipId,
          step: d.step,
          status: d.status,
          raisedByPartyId: d.raisedByPartyId,
          respondentPartyId: d.respondentPartyId,
          mediationDueBy: canonicalInstant(d.mediationDueBy),
          positionPapers: d.papers.length,
        });
      }
    }
    expect([escalations.length, disputes.length]).toEqual([expectedEscalations, expectedDisputes]);
    expect(expectedEscalations).toBe(31);
    expect(expectedDisputes).toBe(9);
  });

  it('gives the same rows applied twice, and rebuilt from the log, as kept inline', async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    const inline = await h.expectReappliedAndRebuiltUnchanged();
    expect([inline.rm_escalations.length, inline.rm_disputes.length, inline.rm_escalation_contracts.length]).toEqual([31, 9, 12]);
  });
});
