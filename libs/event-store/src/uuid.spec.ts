import { EVENT_ID_PATTERN } from './validation';
import { uuidv7 } from './uuid';

type Minter = typeof uuidv7;
const fresh = (): Minter => {
  let mint: Minter | undefined;
  jest.isolateModules(() => {
    mint = (jest.requireActual('./uuid') as { uuidv7: Minter }).uuidv7;
  });
  return mint as Minter;
};

describe('uuidv7 (event ids)', () => {
  it('is an RFC 9562 version 7, variant 10 UUID the store accepts', () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(EVENT_ID_PATTERN.test(id)).toBe(true);
    }
  });

  it('puts the millisecond timestamp in the first 48 bits', () => {
    expect(fresh()(0x0190f5c27a3b).slice(0, 18)).toBe('0190f5c2-7a3b-7000');
  });

  it('keeps ids minted in order sorted, within one millisecond and when the clock steps back', () => {
    const mint = fresh();
    const ids = [mint(5_000), ...Array.from({ length: 5000 }, () => mint(5_000)), mint(4_000), mint(6_000)];
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats, across many refills of the random pool', () => {
    const ids = Array.from({ length: 50_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
  });
});
