import fc from 'fast-check';
import { addDays, compareInstants, isInstant, isPast, monthOf } from './time';

describe('Time (no clock: instants come with commands)', () => {
  it('accepts ISO-8601 instants with a zone only', () => {
    expect(isInstant('2025-01-06T09:00:00.000Z')).toBe(true);
    expect(isInstant('2025-01-06T10:00:00+01:00')).toBe(true);
    expect(isInstant('2025-01-06')).toBe(false);
    expect(isInstant('2025-01-06T09:00:00')).toBe(false);
    expect(isInstant('2025-13-45T09:00:00Z')).toBe(false);
  });
  it('deadlines are exclusive: one millisecond before is on time, the deadline instant itself is past', () => {
    const due = '2025-01-07T09:00:00.000Z';
    expect(isPast(due, '2025-01-07T08:59:59.999Z')).toBe(false);
    expect(isPast(due, due)).toBe(true);
    expect(isPast(due, '2025-01-07T09:00:00.001Z')).toBe(true);
  });
  it('days are 24 hours in UTC, offsets compare by instant', () => {
    expect(addDays('2025-03-29T12:00:00.000Z', 2)).toBe('2025-03-31T12:00:00.000Z');
    expect(isPast('2025-01-06T10:00:00+01:00', '2025-01-06T09:00:00.000Z')).toBe(true);
    expect(isPast('2025-01-06T10:00:00+01:00', '2025-01-06T08:59:59.999Z')).toBe(false);
  });
  it('the credit period is the UTC calendar month', () => {
    expect(monthOf('2025-01-31T23:59:59.999Z')).toBe('2025-01');
    expect(monthOf('2025-02-01T00:30:00+01:00')).toBe('2025-01');
  });
});

describe('monthOf', () => {
  it('is the UTC month of the instant however it is written (canonical, without milliseconds, with an offset)', () => {
    const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9998-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, fc.integer({ min: -14 * 60, max: 14 * 60 }), (d, offsetMinutes) => {
        const utcMonth = d.toISOString().slice(0, 7);
        const shifted = new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const withOffset = `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(monthOf(d.toISOString())).toBe(utcMonth);
        expect(monthOf(d.toISOString().replace(/\.\d{3}Z$/, 'Z'))).toBe(utcMonth);
        expect(isInstant(withOffset)).toBe(true);
        expect(monthOf(withOffset)).toBe(utcMonth);
      }),
      { numRuns: 2000, seed: 1125 },
    );
  });
});

describe('compareInstants', () => {
  it('orders canonical and offset instants chronologically', () => {
    expect(compareInstants('2025-01-06T09:00:00.000Z', '2025-01-06T09:00:00.001Z')).toBeLessThan(0);
    expect(compareInstants('2025-01-06T10:00:00+01:00', '2025-01-06T09:00:00.000Z')).toBe(0);
    expect(compareInstants('2025-01-06T09:00:00.000Z', '2025-01-06T09:00:00Z')).toBe(0);
    expect(compareInstants('2026-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z')).toBeGreaterThan(0);
  });
});
