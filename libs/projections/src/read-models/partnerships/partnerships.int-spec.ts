import { DEFAULT_CHARTER_TIERS, PartnershipCommand, partnershipDecider, PartnershipEvent } from '@covenant/domain';
import { runStory } from '@covenant/testing/domain-story';
import { ACME, at, days, GLOBEX, PARTNERSHIP_ID, PEOPLE, RECORDER, T0 } from '@covenant/testing/builders';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { rebuild } from '../../framework/rebuild';
import { expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { partnershipsProjection } from './partnerships.projection';
import { getPartnership, listPartnerships } from './partnerships.queries';

const STREAM = `partnership-${PARTNERSHIP_ID}`;

/** Runs partnership commands through the real decider, dating each event as the application does. */
function decided(commands: PartnershipCommand[]): PartnershipEvent[] {
  let state = partnershipDecider.initialState;
  const out: PartnershipEvent[] = [];
  for (const c of commands) {
    for (const e of partnershipDecider.decide(c, state)) {
      const dated = { ...e, occurredAt: e.occurredAt ?? c.occurredAt };
      state = partnershipDecider.evolve(state, dated);
      out.push(dated);
    }
  }
  return out;
}

const formed = (partnershipId: string, name: string, parties: Array<{ partyId: string; name: string }>, when = at(-days(30))): PartnershipCommand => ({
  type: 'FormPartnership',
  actorId: RECORDER,
  occurredAt: when,
  partnershipId,
  name,
  parties,
});

/** Dana sits on the operational team, leaves, and comes back on the steering committee. */
const reappointment = (): PartnershipEvent[] =>
  decided([
    formed('p-rotation', 'Initech × Acme', [{ partyId: 'initech', name: 'Initech' }, ACME]),
    { type: 'AdoptGovernanceCharter', actorId: RECORDER, occurredAt: at(-days(29)) },
    { type: 'AppointGovernanceMember', actorId: RECORDER, occurredAt: at(-days(28)), personId: 'dana', name: 'Dana W', partyId: 'initech', tier: 'operational' },
    { type: 'RemoveGovernanceMember', actorId: RECORDER, occurredAt: at(days(10)), personId: 'dana', reason: 'rotation' },
    { type: 'AppointGovernanceMember', actorId: RECORDER, occurredAt: at(days(20)), personId: 'dana', name: 'Dana Wu', partyId: 'initech', tier: 'steering', effectiveFrom: at(days(21)) },
  ]);

describe.each(['sqlite', 'postgres'] as const)('partnerships read model on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([partnershipsProjection]) : await ProjectionHarness.postgres([partnershipsProjection]);
  });
  afterEach(() => h.close());

  const appendStory = async () => {
    const story = runStory();
    await h.append(STREAM, story.streams[STREAM]);
    return story;
  };

  it('keeps one row per partnership at the head of its stream: parties, stage, charter, reviews, version', async () => {
    const story = await appendStory();
    expect(story.streams[STREAM]).toHaveLength(13);
    // JSON columns are compared parsed: the PostgreSQL store keeps payloads as jsonb (keys reordered).
    const rows = (await h.rows('rm_partnerships', 'partnership_id')).map((r) => ({ ...r, parties: JSON.parse(r.parties as string), charter_tiers: JSON.parse(r.charter_tiers as string) }));
    expect(rows).toEqual([
      {
        partnership_id: PARTNERSHIP_ID,
        name: 'Acme × Globex',
        stage: 'operating',
        parties: [ACME, GLOBEX],
        party_ids: ',acme,globex,',
        charter_version: 1,
        charter_tiers: DEFAULT_CHARTER_TIERS,
        business_review_cadence_days: 90,
        business_reviews: 1,
        last_business_review_at: '2025-04-01T09:00:00.000Z',
        formed_at: '2024-12-07T09:00:00.000Z',
        version: 12,
        last_position: 13,
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('records every seat with its dates, and a removal closes the open seat with its reason', async () => {
    await appendStory();
    const seats = await h.rows('rm_partnership_members', 'person_id');
    expect(seats.map((s) => s.person_id)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina']);
    expect(seats[0]).toEqual({
      partnership_id: PARTNERSHIP_ID,
      person_id: 'alice',
      appointed_position: 3,
      name: 'Alice Ops',
      party_id: 'acme',
      tier: 'operational',
      seated_from: '2024-12-09T09:00:00.000Z',
      seated_until: null,
      active: 1,
      removal_reason: null,
      removed_position: null,
    });
    expect(seats[6]).toMatchObject({ person_id: 'gina', seated_until: '2025-02-15T09:00:00.000Z', active: 0, removal_reason: 'contract ended', removed_position: 10 });
  });

  it('a re-appointment after a removal is a new seat, as the domain has it; the old seat keeps its dates', async () => {
    await h.append('partnership-p-rotation', reappointment());
    expect(await h.rows('rm_partnership_members', 'appointed_position')).toEqual([
      expect.objectContaining({ person_id: 'dana', appointed_position: 3, tier: 'operational', seated_until: '2025-01-16T09:00:00.000Z', active: 0, removed_position: 4 }),
      expect.objectContaining({ person_id: 'dana', appointed_position: 5, name: 'Dana Wu', tier: 'steering', seated_from: '2025-01-27T09:00:00.000Z', seated_until: null, active: 1 }),
    ]);
  });

  it('gives the same rows when every event is applied twice (an old removal never closes the later seat), and when rebuilt from the log', async () => {
    await appendStory();
    await h.append('partnership-p-rotation', reappointment());
    const before = await h.snapshot();
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
    // The log read back from the store (on PostgreSQL, payloads come back from jsonb with their keys reordered).
    await rebuild(h.projector, [partnershipsProjection], { fresh: true });
    expect(await h.snapshot()).toEqual(before);
    expect(before.rm_partnership_members.filter((m) => m.active === 1)).toHaveLength(7);
  });

  it('lists partnerships by name, filtered by stage and by exact party id, page by page', async () => {
    await appendStory();
    await h.append('partnership-p-rotation', reappointment());
    await h.append('partnership-p-under', decided([formed('p-under', 'Globex × Under', [GLOBEX, { partyId: 'ac_me', name: 'Underscore Ltd' }])]));
    await h.append('partnership-p-case', decided([formed('p-case', 'Case Co × Initech', [{ partyId: 'ACME', name: 'Shouting Acme' }, { partyId: 'initech', name: 'Initech' }])]));
    const source = await h.source();
    const ids = async (filter: Parameters<typeof listPartnerships>[1]) => (await listPartnerships(source, filter, {})).items.map((p) => p.partnershipId);
    expect(await ids({})).toEqual([PARTNERSHIP_ID, 'p-case', 'p-under', 'p-rotation']);
    expect(await ids({ stage: 'operating' })).toEqual([PARTNERSHIP_ID]);
    expect(await ids({ stage: 'forming' })).toEqual(['p-case', 'p-under', 'p-rotation']);
    // Exact ids: `ACME` is another party than `acme`, and `ac_me` does not match `acme`.
    expect(await ids({ partyId: 'acme' })).toEqual([PARTNERSHIP_ID, 'p-rotation']);
    expect(await ids({ partyId: 'ac_me' })).toEqual(['p-under']);
    expect(await ids({ partyId: 'ACME' })).toEqual(['p-case']);
    expect(await ids({ partyId: 'globex', stage: 'forming' })).toEqual(['p-under']);
    expect(await ids({ partyId: 'nobody' })).toEqual([]);

    const first = await listPartnerships(source, {}, { limit: 3 });
    expect(first.items.map((p) => p.partnershipId)).toEqual([PARTNERSHIP_ID, 'p-case', 'p-under']);
    const second = await listPartnerships(source, {}, { limit: 3, cursor: first.nextCursor as string });
    expect(second).toEqual({ items: [expect.objectContaining({ partnershipId: 'p-rotation', name: 'Initech × Acme', stage: 'forming', charterVersion: 1, version: 4 })], nextCursor: null });
  });

  it("lists only the partnerships in the caller's scope, page by page, and none for an empty scope", async () => {
    await appendStory();
    await h.append('partnership-p-rotation', reappointment());
    await h.append('partnership-p-under', decided([formed('p-under', 'Globex × Under', [GLOBEX, { partyId: 'ac_me', name: 'Underscore Ltd' }])]));
    const source = await h.source();
    await expectListWithinScope((scope, page) => listPartnerships(source, {}, page, scope), {
      key: (p) => p.partnershipId,
      partnershipOf: (p) => p.partnershipId,
      mine: 'p-rotation',
      theirs: PARTNERSHIP_ID,
      pageSize: 1,
      partnershipFilter: false,
    });
    // The user's filters narrow the scope, never widen it: acme is a party of both, globex only of the other two.
    const ids = async (filter: Parameters<typeof listPartnerships>[1], scope: readonly string[]) => (await listPartnerships(source, filter, {}, scope)).items.map((p) => p.partnershipId);
    expect(await ids({ partyId: 'acme' }, ['p-rotation'])).toEqual(['p-rotation']);
    expect(await ids({ partyId: 'globex' }, ['p-rotation'])).toEqual([]);
    expect(await ids({ stage: 'forming' }, ['p-rotation', PARTNERSHIP_ID])).toEqual(['p-rotation']);
  });

  it('reads one partnership with its charter and the seats held at the instant asked', async () => {
    await appendStory();
    await h.append('partnership-p-rotation', reappointment());
    const source = await h.source();
    const atT0 = await getPartnership(source, PARTNERSHIP_ID, T0);
    expect(atT0).toMatchObject({
      partnershipId: PARTNERSHIP_ID,
      stage: 'operating',
      parties: [ACME, GLOBEX],
      charter: { version: 1, tiers: DEFAULT_CHARTER_TIERS, businessReviewCadenceDays: 90 },
      businessReviews: { count: 1, lastHeldAt: '2025-04-01T09:00:00.000Z' },
      version: 12,
      membersAsOf: T0,
    });
    expect(atT0?.members.map((m) => m.personId)).toEqual(['erin', 'frank', 'carol', 'dave', 'alice', 'bob', 'gina']);
    expect(atT0?.members[0]).toEqual({ personId: 'erin', name: PEOPLE.erin.name, partyId: 'acme', tier: 'executive', from: '2024-12-09T09:00:00.000Z', until: null });
    // Gina's seat is [from, until): gone at the instant she left.
    expect((await getPartnership(source, PARTNERSHIP_ID, '2025-02-15T09:00:00Z'))?.members.map((m) => m.personId)).not.toContain('gina');
    expect((await getPartnership(source, PARTNERSHIP_ID, '2025-02-15T08:59:59.999Z'))?.members.map((m) => m.personId)).toContain('gina');
    // Between Dana's two seats she holds none; from the new seat's effective date, the steering one.
    expect((await getPartnership(source, 'p-rotation', at(days(15))))?.members).toEqual([]);
    expect((await getPartnership(source, 'p-rotation', at(days(21))))?.members).toEqual([
      { personId: 'dana', name: 'Dana Wu', partyId: 'initech', tier: 'steering', from: '2025-01-27T09:00:00.000Z', until: null },
    ]);
    expect(await getPartnership(source, 'nobody', T0)).toBeUndefined();
  });
});
