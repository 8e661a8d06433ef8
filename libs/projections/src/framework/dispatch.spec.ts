import fc from 'fast-check';
import { canonicalPlainJson } from '@covenant/event-store/integrity/canonical-json';
import { normalised } from './dispatch';
import { ReadMemo } from './executors';

describe('the payload a projection sees', () => {
  it('is the same whether it comes from the decider or back from a store that reorders keys', () => {
    const fromDecider = { terms: { title: 'MSA', slas: [{ target: '99.9', id: 'a', note: undefined }], value: { currency: 'EUR', amount: '1.00' } }, contractId: 'c1' };
    const fromJsonb = { contractId: 'c1', terms: { value: { amount: '1.00', currency: 'EUR' }, title: 'MSA', slas: [{ id: 'a', target: '99.9' }] } };
    expect(JSON.stringify(normalised(fromDecider))).toBe(JSON.stringify(normalised(fromJsonb)));
    expect(JSON.stringify(normalised(fromDecider))).toBe('{"contractId":"c1","terms":{"slas":[{"id":"a","target":"99.9"}],"title":"MSA","value":{"amount":"1.00","currency":"EUR"}}}');
  });

  it('is already normalised when parsed from the canonical text the SQLite store keeps, so reads from it skip the copy', () => {
    // Keys that look like array indexes too: the engine orders those first whichever way an object is built.
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '10', '9', '01', 'a', 'B', 'é', '\u{1F600}'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ maxDepth: 4 }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const parsed: unknown = JSON.parse(canonicalPlainJson(value) as string);
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(normalised(value)));
        expect(JSON.stringify(normalised(parsed))).toBe(JSON.stringify(parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a member named __proto__ as a member, as JSON.parse does', () => {
    const parsed: unknown = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
    const out = normalised(parsed) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true},"b":1}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('keeps arrays in order and turns undefined array members into null, as JSON does', () => {
    expect(normalised([3, undefined, { b: 1, a: [2, 1] }])).toEqual([3, null, { a: [2, 1], b: 1 }]);
  });
});

describe('reads remembered within one transaction', () => {
  const get = (sql: string, params: unknown[] = []) => ({ op: 'get' as const, sql, params });
  const run = (sql: string) => ({ op: 'run' as const, sql, params: [] });

  it('answers a repeated read from memory until the transaction writes a table it read', () => {
    const memo = new ReadMemo();
    const read = get('SELECT title FROM {rm_a} WHERE id = ?', ['c1']);
    const first = memo.lookup(read);
    first.rows.set(first.key, { title: 'MSA' });
    expect(memo.lookup(read).rows.get(first.key)).toEqual({ title: 'MSA' });
    memo.wrote(run('UPDATE {rm_b} SET x = 1').sql);
    expect(memo.lookup(read).rows.has(first.key)).toBe(true);
    memo.wrote(run('UPDATE {rm_a} SET title = ?').sql);
    expect(memo.lookup(read).rows.has(first.key)).toBe(false);
  });

  it('keys reads by their parameters', () => {
    const memo = new ReadMemo();
    const a = memo.lookup(get('SELECT * FROM {rm_a} WHERE id = ?', ['c1']));
    a.rows.set(a.key, 1);
    const b = memo.lookup(get('SELECT * FROM {rm_a} WHERE id = ?', ['c2']));
    expect(b.rows.has(b.key)).toBe(false);
  });
});
