import { declineDeadline, money, renewalDates } from '@covenant/domain';
import { anActiveMaster, PEOPLE, RECORDER, runContract, T0 } from '@covenant/testing/builders';
import { runStory } from '@covenant/testing/domain-story';
import { appendHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import type { ReadModelSource } from '../../framework/read-model-source';
import { expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { canonicalInstant } from '../contract-state/contract-view';
import { appendStreams, replayAll } from '../contract-state/test-support/replay';
import { renewalsProjection } from './renewals.projection';
import { listRenewals, RenewalFilter, RenewalView } from './renewals.queries';

const MSA = 'msa-acme-globex';
const MSA_STREAM = `contract-${MSA}`;
const HISTORY = { seed: 7, partnerships: 3, contractsPerPartnership: 3, months: 6 };
const FAR = '2000-01-01T00:00:00.000Z';

describe.each(['sqlite', 'postgres'] as const)('renewals on %s', (engine) => {
  let h: ProjectionHarness;
  let source: ReadModelSource;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([renewalsProjection]) : await ProjectionHarness.postgres([renewalsProjection]);
    source = await h.source();
  });
  afterEach(() => h.close());

  const renewalOf = async (contractId: string, now = FAR): Promise<RenewalView | undefined> =>
    (await listRenewals(source, { now }, { limit: 500 })).items.find((r) => r.contractId === contractId);

  it('follows the renewal cycle of the expiry in force: window, decision due, renewed twice, ended by termination', async () => {
    const msa = runStory().streams[MSA_STREAM];
    await h.append(MSA_STREAM, msa.slice(0, 4));
    // Signed but not active: no renewal cycle yet.
    expect(await renewalOf(MSA)).toBeUndefined();
    await h.append(MSA_STREAM, msa.slice(4, 46));
    expect(await renewalOf(MSA)).toEqual({
      contractId: MSA,
      partnershipId: 'acme-globex',
      title: 'Master Services Agreement 2025',
      phase: 'pending',
      expiresAt: '2028-01-06T09:00:00.000Z',
      // 120 and 60 days before the expiry; declining needs the 90 days' notice, which comes first.
      windowOpensAt: '2027-09-08T09:00:00.000Z',
      decisionDueAt: '2027-11-07T09:00:00.000Z',
      declineBy: '2027-10-08T09:00:00.000Z',
      cycleSince: T0,
      autoRenew: true,
      renewalTermDays: 365,
      renewals: 0,
      decisionOverdue: false,
      // The last event this read model applied: ch-4's amendment.
      version: 33,
    });
    await h.append(MSA_STREAM, msa.slice(46, 47));
    expect(await renewalOf(MSA)).toMatchObject({ phase: 'window-open', version: 46 });
    await h.append(MSA_STREAM, msa.slice(47, 48));
    expect(await renewalOf(MSA, '2027-11-07T09:00:00.001Z')).toMatchObject({ phase: 'decision-due', decisionOverdue: true });
    await h.append(MSA_STREAM, msa.slice(48, 49));
    expect(await renewalOf(MSA)).toMatchObject({
      phase: 'renewed',
      expiresAt: '2029-01-05T09:00:00.000Z',
      windowOpensAt: '2028-09-07T09:00:00.000Z',
      decisionDueAt: '2028-11-06T09:00:00.000Z',
      cycleSince: '2027-11-17T09:00:00.000Z',
      renewals: 1,
    });
    await h.append(MSA_STREAM, msa.slice(49, 50));
    expect(await renewalOf(MSA)).toMatchObject({ phase: 'renewed', expiresAt: '2030-01-05T09:00:00.000Z', cycleSince: '2029-01-05T09:00:00.000Z', renewals: 2 });
    await h.append(MSA_STREAM, msa.slice(50));
    // Ended by the termination (version 50); the closure later changes nothing here.
    expect(await renewalOf(MSA)).toMatchObject({ phase: 'ended', renewals: 2, version: 50 });
  });

  it('keeps a declined renewal declined until the contract ends', async () => {
    const analytics = runStory().streams['contract-addendum-analytics'];
    await h.append('contract-addendum-analytics', analytics.slice(0, 6));
    expect(await renewalOf('addendum-analytics')).toMatchObject({ phase: 'declined', autoRenew: false, declineBy: '2026-01-06T09:00:00.000Z', decisionOverdue: false });
    await h.append('contract-addendum-analytics', analytics.slice(6));
    expect(await renewalOf('addendum-analytics')).toMatchObject({ phase: 'ended' });
  });

  it('moves both renewal dates and restarts the cycle when an amendment moves the expiry', async () => {
    const active = anActiveMaster();
    const events = runContract(
      [
        { type: 'OpenDueRenewalWindows', actorId: 'system:scheduler', now: '2027-09-10T09:00:00.000Z' },
        {
          type: 'RequestChange',
          actorId: RECORDER,
          occurredAt: '2027-09-11T09:00:00.000Z',
          changeId: 'ch-extend',
          title: 'One more year',
          rationale: 'roadmap',
          proposedLevel: 'fundamental',
          costImpact: money('0.00', 'EUR'),
          proposedTerms: { expiresAt: '2029-01-06T09:00:00Z' },
        },
        { type: 'ApproveChange', actorId: PEOPLE.erin.personId, occurredAt: '2027-09-12T09:00:00.000Z', changeId: 'ch-extend' },
      ],
      undefined,
      active,
    );
    await h.append(MSA_STREAM, events.slice(0, active.length + 1));
    expect(await renewalOf(MSA)).toMatchObject({ phase: 'window-open', expiresAt: '2028-01-06T09:00:00.000Z' });
    await h.append(MSA_STREAM, events.slice(active.length + 1));
    expect(await renewalOf(MSA)).toMatchObject({
      phase: 'pending',
      expiresAt: '2029-01-06T09:00:00.000Z',
      windowOpensAt: '2028-09-08T09:00:00.000Z',
      decisionDueAt: '2028-11-07T09:00:00.000Z',
      cycleSince: '2027-09-12T09:00:00.000Z',
      renewals: 0,
    });
  });

  it('computes every date with the domain rules of the terms in force, for every contract of a generated history', async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    const replayed = await replayAll(h);
    const rows = (await listRenewals(source, { now: FAR }, { limit: 500 })).items;
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      const { state } = replayed.get(row.contractId)!;
      const renewal = state.renewal!;
      const { opensAt, decisionDueAt } = renewalDates(state.terms, renewal.expiresAt);
      expect(row).toMatchObject({
        partnershipId: state.partnershipId,
        title: state.terms.title,
        expiresAt: canonicalInstant(renewal.expiresAt),
        windowOpensAt: canonicalInstant(opensAt),
        decisionDueAt: canonicalInstant(decisionDueAt),
        declineBy: canonicalInstant(declineDeadline(state.terms)),
        cycleSince: canonicalInstant(renewal.since),
        autoRenew: state.terms.autoRenew,
        renewals: renewal.renewals,
      });
      if (['exiting', 'expired', 'closed'].includes(state.status)) expect(row.phase).toBe('ended');
      else expect(row.phase).toBe(renewal.phase === 'pending' && renewal.renewals > 0 ? 'renewed' : renewal.phase);
    }
  });

  it('gives the same rows applied twice, and rebuilt from the log, as kept inline', async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    const inline = await h.expectReappliedAndRebuiltUnchanged();
    expect(inline.rm_renewals).toHaveLength(12);
  });

  it("lists only the renewals of the caller's partnerships, page by page; none for an empty scope or a partnership filter outside it", async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    await expectListWithinScope((scope, page, partnershipId) => listRenewals(source, { now: FAR, partnershipId }, page, scope), {
      key: (r) => r.contractId,
      partnershipOf: (r) => r.partnershipId,
      mine: 's7-p1',
      theirs: 'acme-globex',
      pageSize: 2,
      partnershipFilter: true,
    });
    // Due within 21 days of 2025-07-25: s7-p0's and s7-p1's decisions; the scope keeps s7-p1's.
    const due = async (scope: readonly string[]) => (await listRenewals(source, { withinDays: 21, now: '2025-07-25T09:00:00.000Z' }, { limit: 500 }, scope)).items.map((r) => r.contractId);
    expect(await due(['s7-p1'])).toEqual(['s7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
    expect(await due(['s7-p2'])).toEqual([]);
  });

  it('lists renewals due within N days of now (overdue decisions included), by phase and partnership, soonest decision first', async () => {
    await appendStreams(h, runStory().streams);
    await appendHistory(h.store, HISTORY);
    const ids = async (filter: RenewalFilter, limit = 500) => (await listRenewals(source, filter, { limit })).items.map((r) => r.contractId);
    // Generated contracts expire 2025-10-05 (s7-p0), 2025-10-14 (s7-p1), 2025-10-23 (s7-p2): decisions due 60 days before.
    expect(await ids({ withinDays: 14, now: '2025-07-25T09:00:00.000Z' })).toEqual(['s7-p0-add1', 's7-p0-add2', 's7-p0-msa']);
    // Due exactly at the end of the window counts (s7-p1: 2025-08-15T09:00).
    expect(await ids({ withinDays: 21, now: '2025-07-25T09:00:00.000Z' })).toEqual(['s7-p0-add1', 's7-p0-add2', 's7-p0-msa', 's7-p1-add1', 's7-p1-add2', 's7-p1-msa']);
    // On 2025-08-20 the s7-p0 and s7-p1 decisions (due 08-06, 08-15) are overdue, still listed; s7-p2's (08-24) is due within 7 days.
    const due = (await listRenewals(source, { withinDays: 7, now: '2025-08-20T00:00:00Z' }, { limit: 500 })).items;
    expect(due.map((r) => [r.contractId, r.decisionOverdue])).toEqual([
      ['s7-p0-add1', true],
      ['s7-p0-add2', true],
      ['s7-p0-msa', true],
      ['s7-p1-add1', true],
      ['s7-p1-add2', true],
      ['s7-p1-msa', true],
      ['s7-p2-add1', false],
      ['s7-p2-add2', false],
      ['s7-p2-msa', false],
    ]);
    expect(await ids({ phases: ['ended'] })).toEqual(['addendum-analytics', 'addendum-logistics', MSA]);
    expect(await ids({ partnershipId: 's7-p2', phases: ['window-open', 'decision-due'] })).toEqual(['s7-p2-add1', 's7-p2-add2', 's7-p2-msa']);
    const first = await listRenewals(source, { now: FAR }, { limit: 5 });
    const rest = await listRenewals(source, { now: FAR }, { limit: 500, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((r) => r.contractId)).toEqual(await ids({ now: FAR }));
    expect(rest.nextCursor).toBeNull();
  });
});
