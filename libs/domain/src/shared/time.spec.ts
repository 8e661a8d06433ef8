import fc from 'fast-check';
import { instantFormsArb } from '@covenant/testing/instants';
import { addDays, canonicalInstant, compareInstants, isInstant, isPast, monthOf } from './time';

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
    fc.assert(
      fc.property(instantFormsArb, ({ canonical, withoutMillis, withOffset }) => {
        const utcMonth = canonical.slice(0, 7);
        expect(isInstant(withOffset)).toBe(true);
        for (const form of [canonical, withoutMillis, withOffset]) expect(monthOf(form)).toBe(utcMonth);
      }),
      { numRuns: 2000, seed: 1125 },
    );
  });
});

describe('canonicalInstant', () => {
  it('writes every instant as UTC with milliseconds, whatever form it came in, and keeps canonical text as it is', () => {
    fc.assert(
      fc.property(instantFormsArb, ({ canonical, withoutMillis, withOffset }) => {
        expect(canonicalInstant(canonical)).toBe(canonical);
        expect(canonicalInstant(withOffset)).toBe(canonical);
        expect(canonicalInstant(withoutMillis)).toBe(withoutMillis.replace(/Z$/, '.000Z'));
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
