import { contractEvent, partnershipEvent } from '@covenant/domain';
import { ADDENDUM_B_ID, runStory } from '@covenant/testing/domain-story';
import { ADDENDUM_ID, masterTerms, MSA_ID, PARTNERSHIP_ID } from '@covenant/testing/builders';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { rebuild } from '../../framework/rebuild';
import { timelineProjection } from './timeline.projection';
import { partnershipTimeline, TimelineEntry, TimelineFilter, timelineKnows } from './timeline.queries';

const P_STREAM = `partnership-${PARTNERSHIP_ID}`;
const MSA = `contract-${MSA_ID}`;

describe.each(['sqlite', 'postgres'] as const)('partnership timeline on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([timelineProjection]) : await ProjectionHarness.postgres([timelineProjection]);
  });
  afterEach(() => h.close());

  /** The whole story: the partnership stream first (recorded by carol), then the master, then the addenda. */
  const appendStory = async () => {
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events, streamId === P_STREAM ? 'carol' : 'mallory');
    return story;
  };
  const all = async (filter: Omit<TimelineFilter, 'partnershipId'> = {}): Promise<TimelineEntry[]> => {
    const source = await h.source();
    return (await partnershipTimeline(source, { partnershipId: PARTNERSHIP_ID, ...filter }, { limit: 500 })).items;
  };
  const byPosition = (entries: TimelineEntry[], position: number) => entries.find((e) => e.position === position) as TimelineEntry;

  it('puts every event of the partnership and of every contract drafted in it on one timeline, in occurredAt order then log order', async () => {
    const story = await appendStory();
    const entries = await all();
    expect(entries).toHaveLength(Object.values(story.streams).flat().length);
    // 82 facts and the review request the process manager routed to the logistics addendum.
    expect(entries).toHaveLength(83);
    // The partnership's first nine events, then the master's draft (recorded later, occurred earlier)...
    expect(entries.slice(0, 11).map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 15]);
    // ...and where the stage change and the addendum's draft share an instant, log order decides.
    expect(entries.slice(14, 17).map((e) => [e.position, e.type])).toEqual([
      [11, 'PartnershipStageChanged'],
      [69, 'ContractDrafted'],
      [70, 'AddendumAttached'],
    ]);
    const occurred = entries.map((e) => e.occurredAt);
    expect([...occurred].sort()).toEqual(occurred);
  });

  it('makes every entry traceable to its recorded event: position, event id, stream, version, both times, actor', async () => {
    await appendStory();
    const entries = await all();
    const log = await h.projector.readBatch(0, 1000);
    expect(entries).toHaveLength(log.length);
    for (const env of log) {
      expect(byPosition(entries, env.position)).toMatchObject({
        eventId: env.id,
        streamId: env.streamId,
        version: env.version,
        type: env.type,
        occurredAt: env.metadata.occurredAt,
        recordedAt: env.metadata.recordedAt,
        actorId: env.metadata.actorId,
        correlationId: env.metadata.correlationId ?? null,
        causationId: env.metadata.causationId ?? null,
      });
    }
    expect(byPosition(entries, 10)).toMatchObject({ streamId: P_STREAM, version: 9, contractId: null, actorId: 'carol' });
    expect(byPosition(entries, 16)).toMatchObject({ streamId: MSA, version: 2, contractId: MSA_ID, actorId: 'mallory' });
  });

  it('summarises each event with the party, person and contract names the projection keeps itself', async () => {
    await appendStory();
    const entries = await all();
    const summary = (position: number) => byPosition(entries, position).summary;
    expect(summary(1)).toBe('Partnership "Acme × Globex" formed between Acme Corp and Globex Services');
    // The person's name comes from the appointment: the removal event carries only the id.
    expect(summary(10)).toBe('Gina Temp (Acme Corp) left the operational tier on 2025-02-15: contract ended');
    expect(summary(16)).toBe('Acme Corp signed Master Services Agreement (signatory Erin Exec)');
    expect(summary(55)).toBe('Globex Services served formal notice of dispute "Scope of weekend support" on Acme Corp');
    // The rename is summarised under the old title; later events use the new one.
    expect(summary(28)).toBe('Master Services Agreement amended (amendment 1, 1 term change(s))');
    expect(summary(62)).toBe('Master Services Agreement 2025 renewed until 2029-01-05');
    // An addendum's attachment names its master by the title known when it was recorded.
    expect(summary(77)).toBe('Logistics Addendum attached as an addendum to Master Services Agreement 2025');
    // A linked contract not yet drafted when the review was requested is shown by id.
    expect(summary(29)).toBe(`Review of linked contract ${ADDENDUM_ID} requested after amendment 1`);
  });

  it('an event involves the parties its payload names; any other event every party of its contract or partnership', async () => {
    await appendStory();
    const entries = await all();
    const parties = (position: number) => byPosition(entries, position).partyIds;
    expect(parties(4)).toEqual(['globex']); // Bob appointed for Globex
    expect(parties(2)).toEqual(['acme', 'globex']); // the charter
    expect(parties(17)).toEqual(['globex']); // Globex signed
    expect(parties(55)).toEqual(['globex', 'acme']); // Globex raised a dispute against Acme
    expect(parties(54)).toEqual(['globex']); // Globex's position paper
    expect(parties(21)).toEqual(['acme', 'globex']); // an SLA breach concerns both
  });

  it("files an addendum's events under the addendum, and under its master only where they name the master", async () => {
    await appendStory();
    const onMaster = (await all({ contractId: MSA_ID })).filter((e) => e.contractId !== MSA_ID);
    expect(onMaster.map((e) => [e.contractId, e.type, e.relatedContractId])).toEqual([
      [ADDENDUM_ID, 'AddendumAttached', MSA_ID],
      [ADDENDUM_B_ID, 'AddendumAttached', MSA_ID],
      [ADDENDUM_B_ID, 'ContractTerminated', MSA_ID],
    ]);
    expect(await all({ contractId: MSA_ID })).toHaveLength(55 + 3);
    const onAddendum = await all({ contractId: ADDENDUM_ID });
    expect(onAddendum.map((e) => e.type)).toEqual([
      'ContractDrafted',
      'AddendumAttached',
      'ContractSigned',
      'ContractSigned',
      'ContractActivated',
      'LinkedReviewRequested',
      'LinkedReviewRequested',
      'RenewalDeclined',
      'ContractExpired',
    ]);
    expect(onAddendum[5]).toMatchObject({ contractId: MSA_ID, relatedContractId: ADDENDUM_ID });
  });

  it('filters by event types, party and occurredAt range (bounds inclusive, any zone), and pages without gaps', async () => {
    await appendStory();
    expect((await all({ types: ['ContractSigned', 'DisputeOpened'] })).map((e) => e.position)).toEqual([16, 17, 71, 72, 49, 55, 78, 79]);
    const globex = await all({ partyId: 'globex', types: ['ContractSigned', 'GovernanceMemberAppointed'] });
    expect(globex.map((e) => e.position)).toEqual([4, 6, 8, 17, 72, 79]);
    expect(await all({ partyId: 'GLOBEX' })).toEqual([]);
    const range = await all({ from: '2025-01-14T09:00:00Z', to: '2025-01-15T11:00:00+02:00' });
    expect(range.map((e) => e.position)).toEqual([20, 21, 22, 23, 24, 25]);
    expect((await all({ from: '2029-04-15T09:00:00.000Z' })).map((e) => e.position)).toEqual([68, 83]);

    const source = await h.source();
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await partnershipTimeline(source, { partnershipId: PARTNERSHIP_ID, partyId: 'acme' }, { limit: 7, cursor });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((e) => e.position));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual((await all({ partyId: 'acme' })).map((e) => e.position));
    expect(seen).toHaveLength(76);
  });

  it('keeps a contract drafted in another partnership off this timeline, and knows which partnerships exist', async () => {
    await appendStory();
    await h.append('partnership-p2', [
      partnershipEvent('PartnershipFormed', { partnershipId: 'p2', name: 'Initech × Acme', parties: [{ partyId: 'initech', name: 'Initech' }, { partyId: 'acme', name: 'Acme Corp' }], stage: 'forming' }, '2025-02-01T00:00:00.000Z'),
    ]);
    const terms = masterTerms({ title: 'Initech Supply Agreement', parties: [{ partyId: 'initech', name: 'Initech' }, { partyId: 'acme', name: 'Acme Corp' }] });
    await h.append('contract-c2', [
      contractEvent('ContractDrafted', { contractId: 'c2', partnershipId: 'p2', terms }, '2025-02-02T00:00:00.000Z'),
      contractEvent('ContractSigned', { contractId: 'c2', partyId: 'initech', signatoryName: 'Ian' }, '2025-02-03T00:00:00.000Z'),
    ]);
    expect(await all()).toHaveLength(83);
    const source = await h.source();
    const p2 = await partnershipTimeline(source, { partnershipId: 'p2' }, {});
    expect(p2.items.map((e) => e.summary)).toEqual([
      'Partnership "Initech × Acme" formed between Initech and Acme Corp',
      '"Initech Supply Agreement" drafted between Initech and Acme Corp',
      'Initech signed Initech Supply Agreement (signatory Ian)',
    ]);
    expect(await timelineKnows(source, 'p2')).toBe(true);
    expect(await timelineKnows(source, 'nobody')).toBe(false);
  });

  it('gives the same rows when every event is applied twice, and when rebuilt from the log', async () => {
    await appendStory();
    const before = await h.snapshot();
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
    // The log read back from the store (on PostgreSQL, payloads come back from jsonb with their keys reordered).
    await rebuild(h.projector, [timelineProjection], { fresh: true });
    expect(await h.snapshot()).toEqual(before);
    expect(before.rm_timeline).toHaveLength(83);
    expect(before.rm_timeline_contracts.map((c) => [c.contract_id, c.title])).toEqual([
      [ADDENDUM_ID, 'Analytics Module Addendum'],
      [ADDENDUM_B_ID, 'Logistics Addendum'],
      [MSA_ID, 'Master Services Agreement 2025'],
    ]);
  });
});
