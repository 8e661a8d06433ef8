import { normalised } from './dispatch';

describe('the payload a projection sees', () => {
  it('is the same whether it comes from the decider or back from a store that reorders keys', () => {
    const fromDecider = { terms: { title: 'MSA', slas: [{ target: '99.9', id: 'a', note: undefined }], value: { currency: 'EUR', amount: '1.00' } }, contractId: 'c1' };
    const fromJsonb = { contractId: 'c1', terms: { value: { amount: '1.00', currency: 'EUR' }, title: 'MSA', slas: [{ id: 'a', target: '99.9' }] } };
    expect(JSON.stringify(normalised(fromDecider))).toBe(JSON.stringify(normalised(fromJsonb)));
    expect(JSON.stringify(normalised(fromDecider))).toBe('{"contractId":"c1","terms":{"slas":[{"id":"a","target":"99.9"}],"title":"MSA","value":{"amount":"1.00","currency":"EUR"}}}');
  });

  it('keeps arrays in order and turns undefined array members into null, as JSON does', () => {
    expect(normalised([3, undefined, { b: 1, a: [2, 1] }])).toEqual([3, null, { a: [2, 1], b: 1 }]);
  });
});
