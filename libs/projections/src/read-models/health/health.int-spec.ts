import { FormedPartnership, HealthIndex, PartnershipCommand, partnershipDecider, PartnershipEvent, partnershipHealth as domainHealth, PartnershipState } from '@covenant/domain';
import { runStory } from '@covenant/testing/domain-story';
import { at, days, PARTNERSHIP_ID, PEOPLE, RECORDER } from '@covenant/testing/builders';
import { generateHistory } from '@covenant/testing/history-generator';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { rebuild } from '../../framework/rebuild';
import { expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { healthProjection } from './health.projection';
import { healthReport, partnershipHealth } from './health.queries';

const d = (n: number): string => at(days(n));
const r = { actorId: RECORDER };
const survey = (id: string, n: number, operational: number, relational: number, strategic: number): PartnershipCommand => ({
  ...r,
  type: 'RecordHealthAssessment',
  occurredAt: d(n),
  assessmentId: id,
  source: { kind: 'survey', surveyId: id },
  scores: { operational, relational, strategic },
});

/**
 * Wonka × Acme: assessed while forming, moved to operating, assessed again, then an earlier survey
 * recorded late (dated day 5), a lone assessment months later, and the move to renewing.
 */
const HEALTH_COMMANDS: PartnershipCommand[] = [
  { ...r, type: 'FormPartnership', occurredAt: d(-30), partnershipId: 'p-health', name: 'Wonka × Acme', parties: [{ partyId: 'wonka', name: 'Wonka' }, { partyId: 'acme', name: 'Acme Corp' }] },
  { ...r, type: 'AdoptGovernanceCharter', occurredAt: d(-29) },
  { ...r, type: 'AppointGovernanceMember', occurredAt: d(-28), personId: 'erin', name: 'Erin Exec', partyId: 'acme', tier: 'executive' },
  { ...r, type: 'HoldBusinessReview', occurredAt: d(10), reviewId: 'qbr-1', kind: 'quarterly', attendees: ['erin'], summary: 'First review', contractIds: [] },
  { ...r, type: 'RecordHealthAssessment', occurredAt: d(11), assessmentId: 'a1', source: { kind: 'business-review', reviewId: 'qbr-1' }, scores: { operational: 90, relational: 50, strategic: 30 }, notes: 'delivery strong' },
  survey('s1', 40, 70, 70, 70),
  { type: 'ChangePartnershipStage', actorId: PEOPLE.erin.personId, occurredAt: d(50), stage: 'operating', reason: 'first contract live' },
  survey('s2', 60, 60, 80, 90),
  survey('a0', 5, 50, 50, 50),
  survey('s3', 200, 40, 60, 80),
  { type: 'ChangePartnershipStage', actorId: PEOPLE.erin.personId, occurredAt: d(210), stage: 'renewing', reason: 'term ends next year' },
];

/** The events as the application records them, and the domain's state after each. */
function decided(commands: PartnershipCommand[]): { events: PartnershipEvent[]; states: PartnershipState[] } {
  let state = partnershipDecider.initialState;
  const events: PartnershipEvent[] = [];
  const states: PartnershipState[] = [];
  for (const c of commands) {
    for (const e of partnershipDecider.decide(c, state)) {
      const dated = { ...e, occurredAt: e.occurredAt ?? c.occurredAt };
      state = partnershipDecider.evolve(state, dated);
      events.push(dated);
      states.push(state);
    }
  }
  return { events, states };
}

type Row = Record<string, unknown>;
/** What the domain says, in the read model's terms. */
const said = ({ stage, index, dimensions, assessmentIds }: HealthIndex) => ({ stage, index, dimensions, assessmentIds });
const point = (row: Row) => ({
  stage: row.stage,
  index: row.partnership_index,
  dimensions: { operational: row.index_operational, relational: row.index_relational, strategic: row.index_strategic },
  assessmentIds: (JSON.parse(row.contributing as string) as Array<{ assessmentId: string }>).map((c) => c.assessmentId),
});

describe.each(['sqlite', 'postgres'] as const)('partnership health on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([healthProjection]) : await ProjectionHarness.postgres([healthProjection]);
  });
  afterEach(() => h.close());

  const health = () => decided(HEALTH_COMMANDS);
  const assessments = async () => Object.fromEntries((await h.rows('rm_health_assessments', 'position')).map((row) => [row.assessment_id as string, row]));

  it("records each assessment with its stage, its own index and the partnership index as of it, weighted by the domain's stage weights", async () => {
    await h.append('partnership-p-health', health().events);
    const a = await assessments();
    expect(a.a1).toEqual({
      partnership_id: 'p-health',
      assessment_id: 'a1',
      position: 5,
      occurred_at: '2025-01-17T09:00:00.000Z',
      recorded_at: expect.any(String),
      source: expect.any(String),
      notes: 'delivery strong',
      operational: 90,
      relational: 50,
      strategic: 30,
      stage: 'forming',
      assessment_index: 66,
      partnership_index: 66,
      index_operational: 90,
      index_relational: 50,
      index_strategic: 30,
      contributing: JSON.stringify([{ assessmentId: 'a1', position: 5 }]),
    });
    expect(JSON.parse(a.a1.source as string)).toEqual({ kind: 'business-review', reviewId: 'qbr-1' });
    // Forming 50/30/20 over a1 and s1 (means 80/60/50); s1 alone scores 70.
    expect(a.s1).toMatchObject({ stage: 'forming', assessment_index: 70, partnership_index: 68, index_operational: 80, index_relational: 60, index_strategic: 50 });
    // Operating 34/33/33 over a1, s1, s2 (sums 220/200/190 → 20350/300 = 67.83).
    expect(a.s2).toMatchObject({ stage: 'operating', partnership_index: 67.8, index_operational: 73.3, index_relational: 66.7, index_strategic: 63.3 });
    expect(JSON.parse(a.s2.contributing as string)).toEqual([
      { assessmentId: 'a1', position: 5 },
      { assessmentId: 's1', position: 6 },
      { assessmentId: 's2', position: 8 },
    ]);
    // The late survey dated day 5: as of then, only itself was in the window.
    expect(a.a0).toMatchObject({ occurred_at: d(5), stage: 'operating', partnership_index: 50, contributing: JSON.stringify([{ assessmentId: 'a0', position: 9 }]) });
    expect(a.s3).toMatchObject({ partnership_index: 59.8, contributing: JSON.stringify([{ assessmentId: 's3', position: 10 }]) });
  });

  it('says exactly what the domain says: each point is partnershipHealth of the state after its event, as of its date', async () => {
    const { events, states } = health();
    await h.append('partnership-p-health', events);
    const a = await assessments();
    events.forEach((e, i) => {
      if (e.type !== 'HealthAssessmentRecorded') return;
      expect(point(a[e.data.assessmentId])).toEqual(said(domainHealth(states[i] as FormedPartnership, e.occurredAt as string)));
    });
  });

  it('re-weighs the latest index over the same assessments when the stage changes; past points keep the stage they had', async () => {
    const { events, states } = health();
    await h.append('partnership-p-health', events.slice(0, 6)); // up to s1, forming
    expect((await h.rows('rm_partnership_health', 'partnership_id'))[0]).toMatchObject({ stage: 'forming', latest_index: 68, rank_key: 680 });
    await h.append('partnership-p-health', events.slice(6, 7)); // → operating: (34·160 + 33·120 + 33·100) / 200
    expect((await h.rows('rm_partnership_health', 'partnership_id'))[0]).toMatchObject({ stage: 'operating', latest_index: 63.5, rank_key: 635, last_assessed_at: d(40) });
    expect((await assessments()).s1).toMatchObject({ stage: 'forming', partnership_index: 68 });
    await h.append('partnership-p-health', events.slice(7));
    const row = (await h.rows('rm_partnership_health', 'partnership_id'))[0];
    // s3 alone, renewing 20/30/50: 8 + 18 + 40.
    expect(row).toEqual({
      partnership_id: 'p-health',
      name: 'Wonka × Acme',
      stage: 'renewing',
      latest_index: 66,
      latest_operational: 40,
      latest_relational: 60,
      latest_strategic: 80,
      contributing: JSON.stringify([{ assessmentId: 's3', position: 10 }]),
      assessments_count: 5,
      last_assessed_at: d(200),
      rank_key: 660,
      version: 10,
      last_position: 11,
    });
    const final = states[states.length - 1] as FormedPartnership;
    expect(row.latest_index).toBe(domainHealth(final, d(200)).index);
  });

  it('a late assessment dated before the latest one updates the latest index without moving its date', async () => {
    const { events } = health();
    await h.append('partnership-p-health', events.slice(0, 9)); // through a0 (dated day 5, recorded after s2)
    // Operating over a0, a1, s1, s2 as of day 60: sums 270/250/240 → 25350/400 = 63.375.
    expect((await h.rows('rm_partnership_health', 'partnership_id'))[0]).toMatchObject({ latest_index: 63.4, last_assessed_at: d(60), assessments_count: 4, latest_operational: 67.5 });
  });

  it('agrees with the domain on generated multi-partnership histories', async () => {
    const streams = new Map<string, PartnershipEvent[]>();
    let stream: string | undefined;
    let batch: PartnershipEvent[] = [];
    const flush = async () => {
      if (stream && batch.length > 0) await h.append(stream, batch);
      batch = [];
    };
    for (const g of generateHistory({ seed: 7, partnerships: 3, months: 10 })) {
      if (!g.streamId.startsWith('partnership-')) continue;
      if (g.streamId !== stream) await flush();
      stream = g.streamId;
      const e = { ...(g.event as PartnershipEvent), occurredAt: g.occurredAt };
      batch.push(e);
      streams.set(g.streamId, [...(streams.get(g.streamId) ?? []), e]);
    }
    await flush();
    const a = await assessments();
    let compared = 0;
    for (const events of streams.values()) {
      let state = partnershipDecider.initialState;
      for (const e of events) {
        state = partnershipDecider.evolve(state, e);
        if (e.type !== 'HealthAssessmentRecorded') continue;
        expect(point(a[e.data.assessmentId])).toEqual(said(domainHealth(state as FormedPartnership, e.occurredAt as string)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(6);
  });

  it('answers the index now (trailing window, stage now) and the series with from/to and pages', async () => {
    await h.append('partnership-p-health', health().events);
    const source = await h.source();
    const view = await partnershipHealth(source, 'p-health', { asOf: d(61) }, {});
    // As of day 61 the window holds a0, a1, s1, s2; weighted by the stage now (renewing 20/30/50): 24900/400 = 62.25.
    expect(view?.current).toEqual({
      asOf: d(61),
      windowDays: 90,
      stage: 'renewing',
      weights: { operational: 20, relational: 30, strategic: 50 },
      index: 62.3,
      dimensions: { operational: 67.5, relational: 62.5, strategic: 60 },
      contributing: [
        { assessmentId: 'a0', position: 9 },
        { assessmentId: 'a1', position: 5 },
        { assessmentId: 's1', position: 6 },
        { assessmentId: 's2', position: 8 },
      ],
    });
    expect(view).toMatchObject({ partnershipId: 'p-health', name: 'Wonka × Acme', stage: 'renewing', version: 10, assessments: 5, lastAssessedAt: d(200) });
    expect(view?.series.items.map((p) => p.assessmentId)).toEqual(['a0', 'a1', 's1', 's2', 's3']);
    expect(view?.series.items[2]).toEqual({
      assessmentId: 's1',
      position: 6,
      occurredAt: d(40),
      recordedAt: expect.any(String),
      source: { kind: 'survey', surveyId: 's1' },
      notes: null,
      scores: { operational: 70, relational: 70, strategic: 70 },
      stage: 'forming',
      weights: { operational: 50, relational: 30, strategic: 20 },
      assessmentIndex: 70,
      index: 68,
      dimensions: { operational: 80, relational: 60, strategic: 50 },
      contributing: [
        { assessmentId: 'a1', position: 5 },
        { assessmentId: 's1', position: 6 },
      ],
    });
    expect((await partnershipHealth(source, 'p-health', { asOf: d(400) }, {}))?.current).toMatchObject({ index: null, contributing: [], dimensions: { operational: null } });
    const ranged = await partnershipHealth(source, 'p-health', { asOf: d(61), from: '2025-01-17T09:00:00Z', to: d(60) }, { limit: 2 });
    expect(ranged?.series.items.map((p) => p.assessmentId)).toEqual(['a1', 's1']);
    const next = await partnershipHealth(source, 'p-health', { asOf: d(61), from: '2025-01-17T09:00:00Z', to: d(60) }, { limit: 2, cursor: ranged?.series.nextCursor as string });
    expect(next?.series).toEqual({ items: [expect.objectContaining({ assessmentId: 's2' })], nextCursor: null });
    expect(await partnershipHealth(source, 'nobody', { asOf: d(61) }, {})).toBeUndefined();
  });

  it('reports every partnership worst first, never-assessed last, by stage, page by page, flagging figures older than the window', async () => {
    await h.append('partnership-p-health', health().events);
    const story = runStory();
    await h.append(`partnership-${PARTNERSHIP_ID}`, story.streams[`partnership-${PARTNERSHIP_ID}`]);
    await h.append('partnership-p-new', decided([{ ...r, type: 'FormPartnership', occurredAt: d(1), partnershipId: 'p-new', name: 'Hooli × Acme', parties: [{ partyId: 'hooli', name: 'Hooli' }, { partyId: 'acme', name: 'Acme Corp' }] }]).events);
    const source = await h.source();
    const report = await healthReport(source, { asOf: d(100) }, {});
    // p-health 66 (renewing); the story's single assessment 82/64/58 at operating 34/33/33 = 68.14.
    expect(report.items.map((x) => [x.partnershipId, x.index, x.stage, x.stale])).toEqual([
      ['p-health', 66, 'renewing', false],
      [PARTNERSHIP_ID, 68.1, 'operating', false],
      ['p-new', null, 'forming', true],
    ]);
    expect(report.items[1]).toMatchObject({ dimensions: { operational: 82, relational: 64, strategic: 58 }, lastAssessedAt: d(86), assessments: 1, contributing: [{ assessmentId: 'qbr-2025-q1-health', position: 24 }] });
    // As of day 250 the window starts at day 160: p-health's day-200 figure is current, the story's day-86 one is not.
    expect((await healthReport(source, { asOf: d(250) }, {})).items.map((x) => x.stale)).toEqual([false, true, true]);
    expect((await healthReport(source, { asOf: d(290) }, {})).items.map((x) => x.stale)).toEqual([true, true, true]);
    expect((await healthReport(source, { asOf: d(100), stage: 'operating' }, {})).items.map((x) => x.partnershipId)).toEqual([PARTNERSHIP_ID]);
    const first = await healthReport(source, { asOf: d(100) }, { limit: 2 });
    const second = await healthReport(source, { asOf: d(100) }, { limit: 2, cursor: first.nextCursor as string });
    expect([...first.items, ...second.items].map((x) => x.partnershipId)).toEqual(['p-health', PARTNERSHIP_ID, 'p-new']);
    expect(second.nextCursor).toBeNull();
  });

  it("reports only the partnerships in the caller's scope, page by page, and none for an empty scope", async () => {
    await h.append('partnership-p-health', health().events);
    await h.append(`partnership-${PARTNERSHIP_ID}`, runStory().streams[`partnership-${PARTNERSHIP_ID}`]);
    await h.append('partnership-p-new', decided([{ ...r, type: 'FormPartnership', occurredAt: d(1), partnershipId: 'p-new', name: 'Hooli × Acme', parties: [{ partyId: 'hooli', name: 'Hooli' }, { partyId: 'acme', name: 'Acme Corp' }] }]).events);
    const source = await h.source();
    await expectListWithinScope((scope, page) => healthReport(source, { asOf: d(100) }, page, scope), {
      key: (x) => x.partnershipId,
      partnershipOf: (x) => x.partnershipId,
      mine: 'p-health',
      theirs: PARTNERSHIP_ID,
      pageSize: 1,
      partnershipFilter: false,
    });
    // The stage filter applies within the scope (acme-globex is the one operating).
    const ids = async (stage: 'operating' | 'renewing', scope: readonly string[]) => (await healthReport(source, { asOf: d(100), stage }, {}, scope)).items.map((x) => x.partnershipId);
    expect(await ids('operating', ['p-health', 'p-new'])).toEqual([]);
    expect(await ids('renewing', ['p-health', PARTNERSHIP_ID])).toEqual(['p-health']);
  });

  it('gives the same rows when every event is applied twice, and when rebuilt from the log', async () => {
    await h.append('partnership-p-health', health().events);
    await h.append(`partnership-${PARTNERSHIP_ID}`, runStory().streams[`partnership-${PARTNERSHIP_ID}`]);
    const before = await h.snapshot();
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
    // The log read back from the store (on PostgreSQL, payloads come back from jsonb with their keys reordered).
    await rebuild(h.projector, [healthProjection], { fresh: true });
    expect(await h.snapshot()).toEqual(before);
    expect(before.rm_health_assessments).toHaveLength(6);
  });
});
