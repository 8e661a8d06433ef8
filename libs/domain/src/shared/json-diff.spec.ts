import fc from 'fast-check';
import { applyDiff, diffApplies, diffJson, Json } from './json-diff';

const json: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('Exact diff of terms (JSON Pointer)', () => {
  it('applying the diff of a to b gives b', () => {
    fc.assert(fc.property(json, json, (a, b) => expect(applyDiff(a, diffJson(a, b))).toEqual(b)), { numRuns: 500 });
  });
  it('a diff applies to the document it was made against', () => {
    fc.assert(fc.property(json, json, (a, b) => expect(diffApplies(a, diffJson(a, b))).toBe(true)), { numRuns: 300 });
  });
  it('names each changed leaf, escaping pointer characters', () => {
    expect(diffJson({ a: { 'x/y': 1, k: [1, 2, 3] } }, { a: { 'x/y': 2, k: [1, 5] } })).toEqual([
      { path: '/a/k/1', before: 2, after: 5 },
      { path: '/a/k/2', before: 3 },
      { path: '/a/x~1y', before: 1, after: 2 },
    ]);
  });
  it('no change, no diff', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
