import { CommandBase } from '../../shared/event';

/** A measurement taken at occurredAt; judged against the SLA version in force then. */
export interface RecordSlaMeasurement extends CommandBase {
  type: 'RecordSlaMeasurement';
  measurementId: string;
  slaId: string;
  /** Decimal string in the SLA's unit. */
  value: string;
  /** Id of the breach if the measurement breaches; defaults to the measurement id. */
  breachId?: string;
}

/** A breach reported directly (no measurement), e.g. by the customer. */
export interface ReportSlaBreach extends CommandBase {
  type: 'ReportSlaBreach';
  breachId: string;
  slaId: string;
  description: string;
  value?: string;
}

export interface WaiveServiceCredit extends CommandBase {
  type: 'WaiveServiceCredit';
  breachId: string;
  reason: string;
}

export type SlaCommand = RecordSlaMeasurement | ReportSlaBreach | WaiveServiceCredit;
