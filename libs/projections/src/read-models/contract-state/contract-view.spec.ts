import fc from 'fast-check';
import { instantFormsArb } from '@covenant/testing/instants';
import { canonicalInstant } from './contract-view';

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
