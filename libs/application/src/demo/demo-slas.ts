import type { SlaDefinition } from '@covenant/domain';

/** The SLAs of the demo seed and of the benchmarks' generated histories: one definition, two users. */
/** Daily availability of the managed platform, outside the Sunday 02:00–04:00 UTC maintenance window. */
export const SLA_AVAILABILITY: SlaDefinition = {
  slaId: 'availability',
  name: 'Platform availability (daily)',
  metric: 'availability',
  unit: 'percent',
  target: '99.9',
  comparison: 'at-least',
  measurementWindowHours: 24,
  maintenanceWindows: [{ kind: 'weekly', windowId: 'sunday-night', dayOfWeek: 0, startMinute: 120, durationMinutes: 120 }],
  creditBps: 1000,
};

/** Weekly 95th-percentile response to priority-1 incidents. */
export const SLA_P1_RESPONSE: SlaDefinition = {
  slaId: 'p1-response',
  name: 'P1 incident response (weekly p95)',
  metric: 'p1-response-minutes',
  unit: 'minutes',
  target: '30',
  comparison: 'at-most',
  measurementWindowHours: 168,
  maintenanceWindows: [],
};
