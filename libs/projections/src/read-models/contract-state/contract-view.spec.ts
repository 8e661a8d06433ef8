import fc from 'fast-check';
import { canonicalInstant } from './contract-view';

describe('canonicalInstant', () => {
  it('writes every instant as UTC with milliseconds, whatever form it came in, and keeps canonical text as it is', () => {
    const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9998-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, fc.integer({ min: -14 * 60, max: 14 * 60 }), (d, offsetMinutes) => {
        const canonical = d.toISOString();
        const shifted = new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const withOffset = `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(canonicalInstant(canonical)).toBe(canonical);
        expect(canonicalInstant(withOffset)).toBe(canonical);
        expect(canonicalInstant(canonical.replace(/\.(\d{3})Z$/, 'Z'))).toBe(canonical.replace(/\.\d{3}Z$/, '.000Z'));
      }),
      { numRuns: 2000, seed: 1125 },
    );
  });
});
