import { Tier } from '../../governance/tiers';
import { DomainEvent } from '../../shared/event';
import { Money } from '../../shared/money';

export type SlaMeasurementRecorded = DomainEvent<
  'SlaMeasurementRecorded',
  {
    contractId: string;
    measurementId: string;
    slaId: string;
    /** The terms version whose SLA judged the measurement (the one in force when it was taken). */
    termsVersion: number;
    /** Decimal string in the SLA's unit. */
    value: string;
    outcome: 'met' | 'breached' | 'excluded';
    maintenanceWindowId?: string;
  },
  1
>;
export type SlaBreached = DomainEvent<
  'SlaBreached',
  {
    contractId: string;
    breachId: string;
    slaId: string;
    termsVersion: number;
    source: 'measurement' | 'report';
    measurementId?: string;
    value?: string;
    target: string;
    comparison: 'at-least' | 'at-most';
    description?: string;
  },
  1
>;
export type ServiceCreditAccrued = DomainEvent<
  'ServiceCreditAccrued',
  {
    contractId: string;
    breachId: string;
    slaId: string;
    /** The cap period (calendar month, UTC) of the breach, e.g. "2025-03". */
    period: string;
    amount: Money;
    /** What the schedule gives before the period cap. */
    uncappedAmount: Money;
    capped: boolean;
    termsVersion: number;
  },
  1
>;
export type ServiceCreditWaived = DomainEvent<'ServiceCreditWaived', { contractId: string; breachId: string; amount: Money; reason: string; tier: Tier }, 1>;

export type SlaEvent = SlaMeasurementRecorded | SlaBreached | ServiceCreditAccrued | ServiceCreditWaived;
