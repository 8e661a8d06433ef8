import { SLA_AVAILABILITY } from '@covenant/testing/builders';
import { breaches, maintenanceWindowAt } from './sla.policy';
import { SlaDefinition } from '../terms/contract-terms';

describe('SLA policy', () => {
  const overnight: SlaDefinition = { ...SLA_AVAILABILITY, maintenanceWindows: [{ kind: 'weekly', windowId: 'sat-night', dayOfWeek: 6, startMinute: 23 * 60, durationMinutes: 120 }] };
  it('a weekly maintenance window may run past Saturday midnight into Sunday', () => {
    expect(maintenanceWindowAt(overnight, '2025-01-11T23:00:00.000Z')).toBe('sat-night');
    expect(maintenanceWindowAt(overnight, '2025-01-12T00:59:59.999Z')).toBe('sat-night');
    expect(maintenanceWindowAt(overnight, '2025-01-12T01:00:00.000Z')).toBeNull();
    expect(maintenanceWindowAt(overnight, '2025-01-11T22:59:59.999Z')).toBeNull();
  });
  it('a one-off maintenance window is [from, to)', () => {
    const once: SlaDefinition = { ...SLA_AVAILABILITY, maintenanceWindows: [{ kind: 'once', windowId: 'migration', from: '2025-02-01T00:00:00Z', to: '2025-02-01T06:00:00Z' }] };
    expect(maintenanceWindowAt(once, '2025-02-01T00:00:00.000Z')).toBe('migration');
    expect(maintenanceWindowAt(once, '2025-02-01T06:00:00.000Z')).toBeNull();
  });
  it('a value exactly at target meets an at-least or at-most SLA', () => {
    expect(breaches(SLA_AVAILABILITY, '99.9')).toBe(false);
    expect(breaches(SLA_AVAILABILITY, '99.899')).toBe(true);
    expect(breaches({ ...SLA_AVAILABILITY, comparison: 'at-most', target: '30' }, '30.000')).toBe(false);
    expect(breaches({ ...SLA_AVAILABILITY, comparison: 'at-most', target: '30' }, '30.001')).toBe(true);
  });
});
