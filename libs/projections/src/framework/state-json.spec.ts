import fc from 'fast-check';
import { contractDecider, ContractEvent, ContractState } from '@covenant/domain';
import { generateHistory } from '@covenant/testing/history-generator';
import { runStory } from '@covenant/testing/domain-story';
import { stateJson } from './state-json';

/** JSON-like values with the members JSON.stringify drops or rewrites: undefined in records and arrays. */
const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('stateJson', () => {
  it('writes the same text as JSON.stringify for any plain object, undefined members included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), valueArb, { maxKeys: 6 }), (state) => {
        expect(stateJson(state)).toBe(JSON.stringify(state));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same text again for a state sharing objects with one already written, whatever changed in it', () => {
    const shared = { terms: { fee: '10.00' }, history: [{ version: 1 }, { version: 2 }] };
    const first = { status: 'active', versions: shared.history, changes: { a: shared.terms } };
    expect(stateJson(first)).toBe(JSON.stringify(first));
    const next = { ...first, versions: [...shared.history, { version: 3 }], changes: { ...first.changes, b: { fee: '12.00' } } };
    expect(stateJson(next)).toBe(JSON.stringify(next));
  });

  // The law the reuse rests on: evolve never changes an object it keeps. Each state of a fold shares
  // most objects with the one before; a member changed in place would keep its old text here.
  it('writes every state of real contract folds as JSON.stringify does (the domain story and a generated history)', () => {
    const folds = new Map<string, ContractState>();
    const check = (streamId: string, event: ContractEvent): void => {
      const state = contractDecider.evolve(folds.get(streamId) ?? contractDecider.initialState, event);
      folds.set(streamId, state);
      expect(stateJson(state)).toBe(JSON.stringify(state));
    };
    const story = runStory();
    for (const [streamId, events] of Object.entries(story.streams)) {
      if (streamId.startsWith('contract-')) for (const e of events) check(streamId, e as ContractEvent);
    }
    let checked = 0;
    for (const g of generateHistory({ seed: 7, partnerships: 2, months: 6 })) {
      if (!g.streamId.startsWith('contract-')) continue;
      check(g.streamId, { ...g.event, occurredAt: g.occurredAt } as ContractEvent);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});
