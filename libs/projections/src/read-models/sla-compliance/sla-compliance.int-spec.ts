import { ContractCommand, ContractEvent, contractStream, money } from '@covenant/domain';
import {
  aDraftedContract,
  anActiveMaster,
  at,
  contractContext,
  days,
  hours,
  masterTerms,
  MSA_ID,
  PEOPLE,
  RECORDER,
  runContract,
  SLA_AVAILABILITY,
  SLA_P1_RESPONSE,
  T0,
} from '@covenant/testing/builders';
import { runStory } from '@covenant/testing/domain-story';
import { ProjectionHarness } from '@covenant/testing/projection-harness';
import { rebuild } from '../../framework/rebuild';
import { draftedIn, expectListWithinScope } from '../../framework/test-support/partnership-scope-laws';
import { slaComplianceProjection } from './sla-compliance.projection';
import { contractSlaCompliance, SlaComplianceItem, slaComplianceReport } from './sla-compliance.queries';

const ctx = contractContext();
const d = (n: number, h = 0): string => at(days(n) + hours(h));
const measure = (measurementId: string, occurredAt: string, value: string, slaId = 'availability'): ContractCommand => ({
  type: 'RecordSlaMeasurement',
  actorId: RECORDER,
  occurredAt,
  measurementId,
  slaId,
  value,
});
const report = (breachId: string, occurredAt: string, slaId = 'p1-response'): ContractCommand => ({
  type: 'ReportSlaBreach',
  actorId: RECORDER,
  occurredAt,
  breachId,
  slaId,
  description: 'P1 #4711 answered after 2 hours',
});
const waive = (breachId: string, occurredAt: string): ContractCommand => ({ type: 'WaiveServiceCredit', actorId: PEOPLE.carol.personId, occurredAt, breachId, reason: 'root cause on Acme side' });

/**
 * The master (base fee 30,000.00 EUR a month; availability credit 10 %, P1 credit 5 %, cap 20 % a
 * month). January 2025: one met, one breached (waived), one in the Sunday maintenance window, and a P1
 * breach reported directly. February: three breaching measurements (the third over the cap) and one met.
 */
function januaryAndFebruary(contractId = MSA_ID): ContractEvent[] {
  return runContract(
    [
      measure('m-1', d(7), '99.95'),
      measure('m-2', d(8), '99.50'),
      measure('m-sun', '2025-01-12T03:00:00.000Z', '90.00'),
      report('r-1', d(9)),
      waive('m-2', d(9, 1)),
      measure('m-3', '2025-02-03T09:00:00.000Z', '99.80'),
      measure('m-4', '2025-02-04T09:00:00.000Z', '99.85'),
      measure('m-5', '2025-02-05T09:00:00.000Z', '99.70'),
      measure('m-6', '2025-02-06T09:00:00.000Z', '99.99'),
    ],
    ctx,
    anActiveMaster({ contractId }),
  );
}

const availabilityRow = {
  contractId: MSA_ID,
  partnershipId: 'acme-globex',
  slaId: 'availability',
  slaName: 'Service availability',
  metric: 'availability',
  unit: 'percent',
  target: '99.9',
  comparison: 'at-least',
  termsVersion: 1,
  currency: 'EUR',
};

const p1Row = { ...availabilityRow, slaId: 'p1-response', slaName: 'P1 incident response', metric: 'p1-response-minutes', unit: 'minutes', target: '30', comparison: 'at-most' };

const JANUARY_AVAILABILITY: SlaComplianceItem = {
  ...availabilityRow,
  period: '2025-01',
  measurements: 3,
  met: 1,
  breached: 1,
  excluded: 1,
  breaches: 1,
  reportedBreaches: 0,
  compliancePercent: '50.00',
  creditsAccrued: '3000.00',
  creditsWaived: '3000.00',
};

const JANUARY_P1: SlaComplianceItem = {
  ...p1Row,
  period: '2025-01',
  measurements: 0,
  met: 0,
  breached: 0,
  excluded: 0,
  breaches: 1,
  reportedBreaches: 1,
  compliancePercent: null,
  creditsAccrued: '1500.00',
  creditsWaived: '0.00',
};

const FEBRUARY_AVAILABILITY: SlaComplianceItem = {
  ...availabilityRow,
  period: '2025-02',
  measurements: 4,
  met: 1,
  breached: 3,
  excluded: 0,
  breaches: 3,
  reportedBreaches: 0,
  compliancePercent: '25.00',
  creditsAccrued: '6000.00',
  creditsWaived: '0.00',
};

describe.each(['sqlite', 'postgres'] as const)('SLA compliance read model on %s', (engine) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = engine === 'sqlite' ? await ProjectionHarness.sqlite([slaComplianceProjection]) : await ProjectionHarness.postgres([slaComplianceProjection]);
  });
  afterEach(() => h.close());

  const all = async () => (await slaComplianceReport(await h.source(), {}, {})).items;

  it('counts a month per SLA: measurements by outcome, breaches from measurements and reports, credits accrued and waived', async () => {
    await h.append(contractStream(MSA_ID), januaryAndFebruary());
    expect(await all()).toEqual([FEBRUARY_AVAILABILITY, JANUARY_AVAILABILITY, JANUARY_P1]);
  });

  it('computes compliance from counted measurements only: maintenance-window measurements and reported breaches leave it unchanged', async () => {
    await h.append(contractStream(MSA_ID), januaryAndFebruary());
    const [feb, janAvailability, janP1] = await all();
    // met 1 / (met 1 + breached 1): the measurement in the maintenance window does not count.
    expect(janAvailability.compliancePercent).toBe('50.00');
    // A breach reported directly is no measurement: no percentage, but it counts as a breach.
    expect(janP1).toMatchObject({ compliancePercent: null, breaches: 1, reportedBreaches: 1 });
    expect(feb.compliancePercent).toBe('25.00');
  });

  it('adds each accrued credit exactly once per month, a credit capped to 0.00 included, and the waived credit of a breach to its month', async () => {
    await h.append(contractStream(MSA_ID), januaryAndFebruary());
    const breaches = await h.rows('rm_sla_breaches', 'breach_id');
    expect(breaches.map((b) => [b.breach_id, b.sla_id, b.period, b.source, b.credit, b.currency, Number(b.waived)])).toEqual([
      ['m-2', 'availability', '2025-01', 'measurement', '3000.00', 'EUR', 1],
      ['m-3', 'availability', '2025-02', 'measurement', '3000.00', 'EUR', 0],
      ['m-4', 'availability', '2025-02', 'measurement', '3000.00', 'EUR', 0],
      ['m-5', 'availability', '2025-02', 'measurement', '0.00', 'EUR', 0],
      ['r-1', 'p1-response', '2025-01', 'report', '1500.00', 'EUR', 0],
    ]);
  });

  it('judges each month by the SLA version its facts were judged by: an amended target shows from the amendment on', async () => {
    const before = januaryAndFebruary();
    const events = runContract(
      [
        {
          type: 'RequestChange',
          actorId: RECORDER,
          occurredAt: '2025-03-01T09:00:00.000Z',
          changeId: 'ch-sla',
          title: 'Availability target 99.5 %',
          rationale: 'new hosting tier',
          proposedLevel: 'minor',
          costImpact: money('0.00', 'EUR'),
          proposedTerms: { slas: [{ ...SLA_AVAILABILITY, target: '99.5', name: 'Availability (hosted)' }, SLA_P1_RESPONSE] },
        },
        { type: 'ApproveChange', actorId: PEOPLE.alice.personId, occurredAt: '2025-03-02T09:00:00.000Z', changeId: 'ch-sla' },
        measure('m-7', '2025-03-03T09:00:00.000Z', '99.60'),
      ],
      ctx,
      before,
    );
    await h.append(contractStream(MSA_ID), events);
    const [march, feb] = await all();
    expect(march).toMatchObject({ period: '2025-03', slaName: 'Availability (hosted)', target: '99.5', termsVersion: 2, met: 1, breached: 0, compliancePercent: '100.00' });
    expect(feb).toMatchObject({ period: '2025-02', slaName: 'Service availability', target: '99.9', termsVersion: 1 });
  });

  it('takes the SLAs of a revised draft, not those first drafted', async () => {
    const drafted = aDraftedContract({ terms: masterTerms({ slas: [{ ...SLA_AVAILABILITY, name: 'Uptime (draft)' }, SLA_P1_RESPONSE] }) });
    const events = runContract(
      [
        { type: 'ReviseDraft', actorId: RECORDER, occurredAt: at(-days(19)), terms: masterTerms() },
        { type: 'SignContract', actorId: RECORDER, occurredAt: at(-days(10)), partyId: 'acme', signatoryName: 'Erin Exec' },
        { type: 'SignContract', actorId: RECORDER, occurredAt: at(-days(9)), partyId: 'globex', signatoryName: 'Frank Exec' },
        { type: 'ActivateIfDue', actorId: 'system:scheduler', now: T0 },
        measure('m-1', d(7), '99.95'),
      ],
      ctx,
      drafted,
    );
    expect(events.map((e) => e.type)).toContain('DraftRevised');
    await h.append(contractStream(MSA_ID), events);
    expect(await all()).toEqual([{ ...JANUARY_AVAILABILITY, measurements: 1, met: 1, breached: 0, excluded: 0, breaches: 0, compliancePercent: '100.00', creditsAccrued: '0.00', creditsWaived: '0.00' }]);
    expect((await h.rows('rm_sla_definitions', 'sla_id')).map((r) => [r.sla_id, r.terms_version, r.name])).toEqual([
      ['availability', 1, 'Service availability'],
      ['p1-response', 1, 'P1 incident response'],
    ]);
  });

  it('gives the same rows when every event is applied twice, and the same rows again when rebuilt from the log', async () => {
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) await h.append(streamId, events);
    await h.append(contractStream('msa-2'), januaryAndFebruary('msa-2'));
    const before = await h.snapshot();
    await h.reapplyEverything();
    expect(await h.snapshot()).toEqual(before);
    await rebuild(h.projector, [slaComplianceProjection], { fresh: true });
    expect(await h.snapshot()).toEqual(before);
    expect(before.rm_sla_compliance).toHaveLength(5);
    expect(before.rm_sla_breaches).toHaveLength(7);
  });

  it('filters by partnership, contract, SLA, period range and belowTarget, pages by cursor, and totals credits over every page', async () => {
    await h.append(contractStream(MSA_ID), januaryAndFebruary());
    const source = await h.source();
    const first = await slaComplianceReport(source, { partnershipId: 'acme-globex' }, { limit: 2 });
    expect(first.items.map((i) => [i.period, i.slaId])).toEqual([
      ['2025-02', 'availability'],
      ['2025-01', 'availability'],
    ]);
    expect(first.totals).toEqual([{ currency: 'EUR', accrued: '10500.00', waived: '3000.00', net: '7500.00' }]);
    const second = await slaComplianceReport(source, { partnershipId: 'acme-globex' }, { limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((i) => [i.period, i.slaId])).toEqual([['2025-01', 'p1-response']]);
    expect(second.nextCursor).toBeNull();
    expect(second.totals).toEqual(first.totals);

    expect((await slaComplianceReport(source, { partnershipId: 'other' }, {})).items).toEqual([]);
    expect((await slaComplianceReport(source, { contractId: 'other' }, {})).totals).toEqual([]);
    const january = await slaComplianceReport(source, { from: '2025-01', to: '2025-01' }, {});
    expect(january.items.map((i) => i.slaId)).toEqual(['availability', 'p1-response']);
    expect(january.totals).toEqual([{ currency: 'EUR', accrued: '4500.00', waived: '3000.00', net: '1500.00' }]);
    expect((await slaComplianceReport(source, { from: '2025-02' }, {})).items.map((i) => i.period)).toEqual(['2025-02']);
    expect((await slaComplianceReport(source, { slaId: 'p1-response' }, {})).items).toEqual([JANUARY_P1]);
  });

  it("keeps the rows and the credit totals to the caller's partnerships; nothing for an empty scope or a partnership filter outside it", async () => {
    await h.append(contractStream(MSA_ID), januaryAndFebruary());
    // p-other: a breach in January (3,000.00 EUR accrued), a met month in February.
    const other = runContract([measure('o-1', d(8), '99.50'), measure('o-2', '2025-02-03T09:00:00.000Z', '99.99')], ctx, anActiveMaster({ contractId: 'c-other' }));
    await h.append(contractStream('c-other'), draftedIn('p-other', other));
    const source = await h.source();
    const scoped = (scope: readonly string[] | undefined, filter: { partnershipId?: string } = {}) => slaComplianceReport(source, filter, {}, scope);
    const eur = (accrued: string, waived: string, net: string) => [{ currency: 'EUR', accrued, waived, net }];

    expect((await scoped(undefined)).totals).toEqual(eur('13500.00', '3000.00', '10500.00'));
    const mine = await scoped(['p-other']);
    expect(mine.items.map((i) => [i.contractId, i.period, i.slaId, i.creditsAccrued])).toEqual([
      ['c-other', '2025-02', 'availability', '0.00'],
      ['c-other', '2025-01', 'availability', '3000.00'],
    ]);
    expect(mine.totals).toEqual(eur('3000.00', '0.00', '3000.00'));
    expect(JSON.stringify(mine)).not.toContain('acme-globex');
    expect(mine).toEqual(await scoped(undefined, { partnershipId: 'p-other' }));
    expect((await scoped(['acme-globex'])).totals).toEqual(eur('10500.00', '3000.00', '7500.00'));
    expect((await scoped(['acme-globex', 'p-other'])).totals).toEqual(eur('13500.00', '3000.00', '10500.00'));
    const nothing = { items: [], nextCursor: null, totals: [] };
    expect(await scoped([])).toEqual(nothing);
    expect(await scoped(['p-other'], { partnershipId: 'acme-globex' })).toEqual(nothing);
    expect(await scoped([], { partnershipId: 'p-other' })).toEqual(nothing);

    await expectListWithinScope(
      async (scope, page, partnershipId) => {
        const { items, nextCursor } = await slaComplianceReport(source, { partnershipId }, page, scope);
        return { items, nextCursor };
      },
      { key: (i) => `${i.contractId}/${i.slaId}/${i.period}`, partnershipOf: (i) => i.partnershipId, mine: 'p-other', theirs: 'acme-globex', pageSize: 2, partnershipFilter: true },
    );
  });

  it('keeps a month without breaches out of belowTarget=true and in belowTarget=false', async () => {
    await h.append(contractStream(MSA_ID), runContract([measure('m-1', d(7), '99.95'), measure('m-3', '2025-02-03T09:00:00.000Z', '99.80')], ctx, anActiveMaster()));
    const source = await h.source();
    expect((await slaComplianceReport(source, { belowTarget: true }, {})).items.map((i) => i.period)).toEqual(['2025-02']);
    expect((await slaComplianceReport(source, { belowTarget: false }, {})).items.map((i) => i.period)).toEqual(['2025-01']);
  });

  it("answers one contract's months with the stream version of its last SLA fact, and null for a contract never drafted", async () => {
    const events = januaryAndFebruary();
    await h.append(contractStream(MSA_ID), events);
    const source = await h.source();
    const answer = await contractSlaCompliance(source, MSA_ID, { from: '2025-02' }, {});
    expect(answer).toEqual({
      contractId: MSA_ID,
      partnershipId: 'acme-globex',
      version: events.length - 1,
      items: [FEBRUARY_AVAILABILITY],
      nextCursor: null,
      totals: [{ currency: 'EUR', accrued: '6000.00', waived: '0.00', net: '6000.00' }],
    });
    expect(await contractSlaCompliance(source, 'nope', {}, {})).toBeNull();
  });
});
