import { decidingTier } from '@covenant/domain';
import { runStory } from '@covenant/testing/domain-story';
import { appendHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import type { ReadModelSource } from '../../framework/read-model-source';
import { expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { canonicalOrNull } from '../contract-state/contract-view';
import { appendStory, replayAll } from '../contract-state/test-support/replay';
import { changesProjection, PENDING_CHANGE_STATUSES } from './changes.projection';
import { changeById, ChangeFilter, ChangeView, listChanges } from './changes.queries';

const MSA = 'msa-acme-globex';
const MSA_STREAM = `contract-${MSA}`;
const HISTORY = { seed: 7, partnerships: 3, contractsPerPartnership: 3, months: 6 };

describe.each(['sqlite', 'postgres'] as const)('changes on %s', (engine) => {
  let h: ProjectionHarness;
  let source: ReadModelSource;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([changesProjection]) : await ProjectionHarness.postgres([changesProjection]);
    source = await h.source();
  });
  afterEach(() => h.close());

  const ids = async (filter: ChangeFilter, limit = 500) => (await listChanges(source, filter, { limit })).items.map((c) => c.changeId);

  it('follows a change along its pathway: review, no consensus, mediation (awaiting the executive), rejection by that tier', async () => {
    await appendStory(h, runStory());
    expect(await changeById(source, 'ch-2', '2025-06-01T00:00:00.000Z')).toEqual({
      changeId: 'ch-2',
      contractId: MSA,
      partnershipId: 'acme-globex',
      title: 'Double the analytics capacity',
      rationale: 'growth',
      proposedLevel: 'significant',
      level: 'significant',
      levelReasons: ['proposed', 'cost-impact-above-threshold'],
      status: 'rejected',
      awaitingTier: null,
      reviewRequired: true,
      respondBy: '2025-02-09T09:00:00.000Z',
      reviewOutcome: 'no-consensus',
      reviewSummary: 'cost split disputed',
      reviewOverdue: false,
      // 200,000.00 of a 1,080,000.00 contract.
      costImpact: { amount: '200000.00', currency: 'EUR' },
      costImpactPercent: '18.52',
      baseTermsVersion: 2,
      changedTerms: ['/value/amount'],
      requestedAt: '2025-01-26T09:00:00.000Z',
      requestedBy: 'mallory',
      mediator: 'CEDR',
      decidedAt: '2025-02-15T09:00:00.000Z',
      decidedBy: 'erin',
      decidedByTier: 'executive',
      decisionReason: 'mediator advised against',
      amendmentNumber: null,
      version: 25,
    });
    expect(await changeById(source, 'ch-1')).toMatchObject({ status: 'approved', level: 'minor', decidedBy: 'alice', decidedByTier: 'operational', changedTerms: ['/title'], amendmentNumber: 1, version: 14 });
    expect(await changeById(source, 'ch-4')).toMatchObject({ status: 'approved', reviewOutcome: 'consensus', decidedBy: 'dave', decidedByTier: 'steering', amendmentNumber: 2, version: 33 });
    // The review lapsed: still pending, waiting for the steering committee (through mediation).
    expect(await changeById(source, 'ch-3')).toMatchObject({ status: 'review-failed', reviewOutcome: 'overdue', awaitingTier: 'steering', decidedAt: null, version: 28 });
    expect(await changeById(source, 'nope')).toBeNull();
  });

  it('lists changes awaiting a tier, and reviews overdue at now, as they stand', async () => {
    const msa = runStory().streams[MSA_STREAM];
    await h.append(MSA_STREAM, msa.slice(0, 23));
    expect(await ids({ statuses: ['pending'] })).toEqual(['ch-2']);
    expect(await ids({ tier: 'steering' })).toEqual(['ch-2']);
    expect(await ids({ overdue: true, now: '2025-02-09T08:59:59.999Z' })).toEqual([]);
    expect(await ids({ overdue: true, now: '2025-02-09T09:00:00.000Z' })).toEqual(['ch-2']);
    expect(await ids({ overdue: false, now: '2025-02-09T09:00:00.000Z' })).toEqual(['ch-1']);
    await h.append(MSA_STREAM, msa.slice(23, 25));
    expect(await ids({ tier: 'executive' })).toEqual(['ch-2']);
    expect(await ids({ tier: 'steering' })).toEqual([]);
    expect(await ids({ statuses: ['in-mediation'] })).toEqual(['ch-2']);
  });

  it('filters by status (pending standing for every undecided one), tier, level, partnership and contract; oldest request first', async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    const every = (await listChanges(source, {}, { limit: 500 })).items;
    expect(every).toHaveLength(56);
    expect(await ids({ statuses: ['pending'], partnershipId: 'acme-globex' })).toEqual(['ch-3']);
    expect(await ids({ statuses: ['approved', 'rejected'], contractId: MSA })).toEqual(['ch-1', 'ch-2', 'ch-4']);
    expect(await ids({ level: 'significant', contractId: MSA })).toEqual(['ch-2', 'ch-3', 'ch-4']);
    const pending = every.filter((c) => (PENDING_CHANGE_STATUSES as string[]).includes(c.status));
    expect(await ids({ statuses: ['pending'] })).toEqual(pending.map((c) => c.changeId));
    expect(pending.length).toBeGreaterThan(1);
    for (const tier of ['operational', 'steering', 'executive'] as const) {
      expect(await ids({ tier })).toEqual(pending.filter((c) => c.awaitingTier === tier).map((c) => c.changeId));
    }
    const first = await listChanges(source, {}, { limit: 20 });
    const second = await listChanges(source, {}, { limit: 20, cursor: first.nextCursor! });
    const third = await listChanges(source, {}, { limit: 20, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((c) => c.changeId)).toEqual(every.map((c) => c.changeId));
    expect(third.nextCursor).toBeNull();
  });

  it("keeps the change list and the pending-changes report to the caller's partnerships, page by page; nothing for an empty scope or a partnership filter outside it", async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    const laws = { key: (c: ChangeView) => c.changeId, partnershipOf: (c: ChangeView) => c.partnershipId, mine: 's7-p1', theirs: 'acme-globex', partnershipFilter: true };
    await expectListWithinScope((scope, page, partnershipId) => listChanges(source, { partnershipId }, page, scope), { ...laws, pageSize: 3 });
    // s7-p0 has two changes pending, acme-globex one (s7-p1 none).
    await expectListWithinScope((scope, page, partnershipId) => listChanges(source, { statuses: ['pending'], partnershipId }, page, scope), { ...laws, mine: 's7-p0', pageSize: 1 });
    // The other filters apply within the scope.
    const scoped = async (filter: ChangeFilter, scope: readonly string[]) => (await listChanges(source, filter, { limit: 500 }, scope)).items.map((c) => c.changeId);
    expect(await scoped({ contractId: MSA }, ['s7-p1'])).toEqual([]);
    expect(await scoped({ contractId: MSA }, ['s7-p1', 'acme-globex'])).toEqual(await ids({ contractId: MSA }));
    expect(await scoped({ level: 'significant' }, ['s7-p1'])).toEqual(await ids({ level: 'significant', partnershipId: 's7-p1' }));
  });

  it('agrees with the domain replay on every change of a generated history, awaiting the tier decidingTier names', async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    let count = 0;
    for (const { state } of (await replayAll(h)).values()) {
      for (const change of Object.values(state.changes)) {
        count++;
        expect(await changeById(source, change.changeId)).toMatchObject({
          contractId: state.contractId,
          partnershipId: state.partnershipId,
          level: change.level,
          status: change.status,
          reviewRequired: change.reviewRequired,
          respondBy: canonicalOrNull(change.respondBy),
          costImpact: change.costImpact,
          changedTerms: change.diff.map((d) => d.path),
          awaitingTier: PENDING_CHANGE_STATUSES.includes(change.status) ? decidingTier(change) : null,
        });
      }
    }
    expect(count).toBe(56);
  });

  it('gives the same rows applied twice, and rebuilt from the log, as kept inline', async () => {
    await appendStory(h, runStory());
    await appendHistory(h.store, HISTORY);
    const inline = await h.expectReappliedAndRebuiltUnchanged();
    expect(inline.rm_changes).toHaveLength(56);
  });
});
