import { deciderSpec } from '@covenant/testing/given-when-then';
import { anActiveContract, anActiveMaster, aSignedContract, at, contractContext, days, masterTerms, MSA_ID, PEOPLE, RECORDER, runContract, SLA_AVAILABILITY, SLA_P1_RESPONSE, T0 } from '@covenant/testing/builders';
import { money } from '../../shared/money';
import { addMs } from '../../shared/time';
import { ContractCommand } from '../contract.commands';
import { contractDecider } from '../contract.decider';
import { ContractEvent, contractEvent } from '../contract.events';

const spec = deciderSpec(contractDecider, { context: () => contractContext() });
const EUR = (a: string) => money(a, 'EUR');
const measure = (value: string, occurredAt: string, measurementId = 'm-1', slaId = 'availability') => ({ type: 'RecordSlaMeasurement' as const, actorId: RECORDER, occurredAt, measurementId, slaId, value });
const MONDAY = at(days(7)); // 2025-01-13T09:00Z
const SUNDAY_2AM = '2025-01-12T02:00:00.000Z';
const SUNDAY_4AM = '2025-01-12T04:00:00.000Z';
const recorded = (value: string, outcome: 'met' | 'breached' | 'excluded', termsVersion = 1, extra: Record<string, string> = {}) =>
  contractEvent('SlaMeasurementRecorded', { contractId: MSA_ID, measurementId: 'm-1', slaId: 'availability', termsVersion, value, outcome, ...extra });
const breach = (value: string, termsVersion = 1, target = '99.9') =>
  contractEvent('SlaBreached', { contractId: MSA_ID, breachId: 'm-1', slaId: 'availability', termsVersion, source: 'measurement', measurementId: 'm-1', value, target, comparison: 'at-least' });
const credit = (amount: string, uncapped = '3000.00', termsVersion = 1, period = '2025-01', breachId = 'm-1') =>
  contractEvent('ServiceCreditAccrued', { contractId: MSA_ID, breachId, slaId: 'availability', period, amount: EUR(amount), uncappedAmount: EUR(uncapped), capped: amount !== uncapped, termsVersion });

/** Relaxes availability to 99.5 % by an approved amendment effective on day 31. */
function withRelaxedSla(): ContractEvent[] {
  const relaxed = { ...SLA_AVAILABILITY, target: '99.5' };
  const cmds: ContractCommand[] = [
    { type: 'RequestChange', actorId: RECORDER, occurredAt: at(days(30)), changeId: 'sla-1', title: 'Relax availability', rationale: 'new platform', proposedLevel: 'minor', costImpact: EUR('0.00'), proposedTerms: { slas: [relaxed, SLA_P1_RESPONSE] } },
    { type: 'ApproveChange', actorId: PEOPLE.alice.personId, occurredAt: at(days(31)), changeId: 'sla-1' },
  ];
  return runContract(cmds, contractContext(), anActiveMaster());
}

describe('SLAs and service credits', () => {
  describe('RecordSlaMeasurement', () => {
    it('a measurement meeting the target (exactly at it included) is recorded as met', () => {
      spec.given(...anActiveMaster()).when(measure('99.95', MONDAY)).then(recorded('99.95', 'met'));
      spec.given(...anActiveMaster()).when(measure('99.9', MONDAY)).then(recorded('99.9', 'met'));
    });
    it('a breaching measurement earns the credit of the schedule in force (the SLA rate: 10 % of the 30,000.00 EUR monthly fee)', () => {
      spec.given(...anActiveMaster()).when(measure('99.89', MONDAY)).then(recorded('99.89', 'breached'), breach('99.89'), credit('3000.00'));
    });
    it('an at-most SLA breaches above its target, at the schedule rate (5 %)', () => {
      const events = spec.given(...anActiveMaster()).when(measure('31', MONDAY, 'p1-77', 'p1-response')).events;
      expect(events.map((e) => e.type)).toEqual(['SlaMeasurementRecorded', 'SlaBreached', 'ServiceCreditAccrued']);
      expect(events[2].data).toMatchObject({ amount: EUR('1500.00'), capped: false });
      spec.given(...anActiveMaster()).when(measure('30', MONDAY, 'p1-78', 'p1-response')).thenIncludes(contractEvent('SlaMeasurementRecorded', { contractId: MSA_ID, measurementId: 'p1-78', slaId: 'p1-response', termsVersion: 1, value: '30', outcome: 'met' }));
    });
    it('maintenance windows are excluded: from their first instant up to, not including, their end', () => {
      spec.given(...anActiveMaster()).when(measure('90', SUNDAY_2AM)).then(recorded('90', 'excluded', 1, { maintenanceWindowId: 'sunday-night' }));
      spec.given(...anActiveMaster()).when(measure('90', addMs(SUNDAY_4AM, -1))).then(recorded('90', 'excluded', 1, { maintenanceWindowId: 'sunday-night' }));
      spec.given(...anActiveMaster()).when(measure('90', addMs(SUNDAY_2AM, -1))).thenIncludes(breach('90'));
      spec.given(...anActiveMaster()).when(measure('90', SUNDAY_4AM)).thenIncludes(breach('90'));
    });
    it('a measurement is judged against the SLA version in force at its occurredAt, even when recorded later', () => {
      const amended = withRelaxedSla();
      spec.given(...amended).when(measure('99.7', at(days(32)))).then(recorded('99.7', 'met', 2));
      spec.given(...amended).when(measure('99.7', at(days(30)))).thenIncludes(breach('99.7', 1));
      spec.given(...amended).when(measure('99.7', at(days(31)))).then(recorded('99.7', 'met', 2));
      spec.given(...amended).when(measure('99.7', addMs(at(days(31)), -1))).thenIncludes(breach('99.7', 1));
    });
    it('credits are capped per calendar month (20 % of the monthly fee), then start again next month', () => {
      const twoBreaches = runContract([measure('99', at(days(1)), 'b1'), measure('99', at(days(2)), 'b2')], contractContext(), anActiveMaster());
      spec.given(...twoBreaches).when(measure('99', at(days(3)), 'm-1')).thenIncludes(credit('0.00', '3000.00'));
      spec.given(...twoBreaches).when(measure('99', '2025-02-01T00:00:00.000Z', 'm-1')).thenIncludes(credit('3000.00', '3000.00', 1, '2025-02'));
      const partly = runContract([measure('31', at(days(1)), 'p1', 'p1-response'), measure('99', at(days(2)), 'b1')], contractContext(), anActiveMaster());
      spec.given(...partly).when(measure('99', at(days(3)), 'm-1')).thenIncludes(credit('1500.00', '3000.00'));
    });
    it('an unknown SLA, or one not yet in force at that time, is not found', () => {
      spec.given(...anActiveMaster()).when(measure('1', MONDAY, 'm-1', 'latency')).thenError('SLA.NOT_FOUND');
    });
    it('measurements count only while the contract is in force', () => {
      spec.given(...aSignedContract()).when(measure('99', T0)).thenError('CONTRACT.NOT_IN_FORCE');
      spec.given(...anActiveMaster()).when(measure('99', addMs(T0, -1))).thenError('CONTRACT.NOT_IN_FORCE');
      spec.given(...anActiveMaster()).when(measure('99', T0)).thenIncludes(breach('99'));
    });
    it('values are decimal strings, never floats', () => {
      spec.given(...anActiveMaster()).when({ ...measure('99.9', MONDAY), value: 99.9 as unknown as string }).thenError('COMMAND.INVALID');
      spec.given(...anActiveMaster()).when(measure('99.9%', MONDAY)).thenError('COMMAND.INVALID');
    });
    it('a breach id is recorded once', () => {
      const once = runContract([measure('99', at(days(1)), 'm-1')], contractContext(), anActiveMaster());
      spec.given(...once).when({ ...measure('99', at(days(2)), 'm-2'), breachId: 'm-1' }).thenError('SLA.BREACH_ALREADY_EXISTS');
    });
  });

  describe('ReportSlaBreach', () => {
    const report = (occurredAt: string) => ({ type: 'ReportSlaBreach' as const, actorId: RECORDER, occurredAt, breachId: 'r-1', slaId: 'p1-response', description: 'P1 ticket 4711 answered after 2 hours' });
    it('a breach reported directly earns the credit of the schedule in force', () => {
      spec
        .given(...anActiveMaster())
        .when(report(MONDAY))
        .then(
          contractEvent('SlaBreached', { contractId: MSA_ID, breachId: 'r-1', slaId: 'p1-response', termsVersion: 1, source: 'report', target: '30', comparison: 'at-most', description: 'P1 ticket 4711 answered after 2 hours' }),
          contractEvent('ServiceCreditAccrued', { contractId: MSA_ID, breachId: 'r-1', slaId: 'p1-response', period: '2025-01', amount: EUR('1500.00'), uncappedAmount: EUR('1500.00'), capped: false, termsVersion: 1 }),
        );
    });
    it('a reported breach inside a maintenance window is rejected', () => {
      spec.given(...anActiveMaster()).when({ ...report(SUNDAY_2AM), slaId: 'availability' }).thenError('SLA.IN_MAINTENANCE_WINDOW');
    });
  });

  describe('WaiveServiceCredit', () => {
    const waive = (actorId: string, reason = 'goodwill after the incident review') => ({ type: 'WaiveServiceCredit' as const, actorId, occurredAt: at(days(10)), breachId: 'm-1', reason });
    const breached = () => runContract([measure('99', at(days(1)))], contractContext(), anActiveMaster());
    it('credits can be waived by the owning tier with a reason', () => {
      spec
        .given(...breached())
        .when(waive(PEOPLE.carol.personId))
        .then(contractEvent('ServiceCreditWaived', { contractId: MSA_ID, breachId: 'm-1', amount: EUR('3000.00'), reason: 'goodwill after the incident review', tier: 'steering' }));
      spec.given(...breached()).when(waive(PEOPLE.erin.personId)).thenIncludes(contractEvent('ServiceCreditWaived', { contractId: MSA_ID, breachId: 'm-1', amount: EUR('3000.00'), reason: 'goodwill after the incident review', tier: 'steering' }));
    });
    it('a tier below the owning one cannot waive', () => {
      spec.given(...breached()).when(waive(PEOPLE.alice.personId)).thenError('GOVERNANCE.NO_DECISION_RIGHT');
    });
    it('a waiver needs a reason', () => {
      spec.given(...breached()).when(waive(PEOPLE.carol.personId, '  ')).thenError('COMMAND.INVALID');
    });
    it('a credit is waived once, and must exist', () => {
      const waived = runContract([waive(PEOPLE.carol.personId)], contractContext(), breached());
      spec.given(...waived).when(waive(PEOPLE.carol.personId)).thenError('SLA.CREDIT_ALREADY_WAIVED');
      spec.given(...anActiveMaster()).when(waive(PEOPLE.carol.personId)).thenError('SLA.CREDIT_NOT_FOUND');
    });
    it('waived credits still count toward the period cap', () => {
      const events = runContract([measure('99', at(days(2)), 'b2'), waive(PEOPLE.carol.personId)], contractContext(), breached());
      spec.given(...events).when(measure('99', at(days(11)), 'b3')).thenIncludes(contractEvent('ServiceCreditAccrued', { contractId: MSA_ID, breachId: 'b3', slaId: 'availability', period: '2025-01', amount: EUR('0.00'), uncappedAmount: EUR('3000.00'), capped: true, termsVersion: 1 }));
    });
  });

  it('each contract can set its own credit schedule and waiver tier', () => {
    const { creditBps: _none, ...availability } = SLA_AVAILABILITY;
    const schedule = { perBreachBps: 250, capPerPeriodBps: 1000, period: 'calendar-month' as const, waiverTier: 'executive' as const };
    const terms = masterTerms({ slas: [availability], incentives: { ...masterTerms().incentives, serviceCredits: schedule } });
    const active = anActiveContract({ terms });
    spec.given(...active).when(measure('99', MONDAY)).thenIncludes(credit('750.00', '750.00'));
    const breached = runContract([measure('99', MONDAY)], contractContext(), active);
    spec.given(...breached).when({ type: 'WaiveServiceCredit', actorId: PEOPLE.carol.personId, occurredAt: at(days(10)), breachId: 'm-1', reason: 'goodwill' }).thenError('GOVERNANCE.NO_DECISION_RIGHT');
  });
});
