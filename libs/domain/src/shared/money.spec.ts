import fc from 'fast-check';
import { DomainError } from './errors';
import { abs, add, basisPointsOf, compare, exceedsShare, format, fromMinor, minor, money, subtract } from './money';
import { compareDecimal, percentString } from './decimal';

describe('Money (decimal strings, never floats)', () => {
  it('normalises to the currency minor units', () => {
    expect(money('1200', 'EUR')).toEqual({ amount: '1200.00', currency: 'EUR' });
    expect(money('1200.5', 'EUR')).toEqual({ amount: '1200.50', currency: 'EUR' });
    expect(money('1200', 'JPY')).toEqual({ amount: '1200', currency: 'JPY' });
    expect(money('1.5', 'KWD')).toEqual({ amount: '1.500', currency: 'KWD' });
    expect(money('-0.10', 'EUR')).toEqual({ amount: '-0.10', currency: 'EUR' });
    expect(money('12.3400', 'EUR')).toEqual({ amount: '12.34', currency: 'EUR' });
  });
  it('rejects floats in disguise, bad currencies and sub-minor amounts', () => {
    expect(() => money('1e3', 'EUR')).toThrow(DomainError);
    expect(() => money('12.345', 'EUR')).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }));
    expect(() => money('1.00', 'eur')).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_CURRENCY' }));
    expect(() => money(12 as unknown as string, 'EUR')).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }));
  });
  it('adds and subtracts exactly, and refuses to mix currencies', () => {
    expect(add(money('0.10', 'EUR'), money('0.20', 'EUR'))).toEqual(money('0.30', 'EUR'));
    expect(subtract(money('0.10', 'EUR'), money('0.30', 'EUR'))).toEqual(money('-0.20', 'EUR'));
    expect(() => add(money('1', 'EUR'), money('1', 'USD'))).toThrow(expect.objectContaining({ code: 'MONEY.CURRENCY_MISMATCH' }));
  });
  it('a basis-point share rounds half up to the minor unit', () => {
    expect(basisPointsOf(money('30000.00', 'EUR'), 500)).toEqual(money('1500.00', 'EUR'));
    expect(basisPointsOf(money('0.10', 'EUR'), 500)).toEqual(money('0.01', 'EUR'));
    expect(basisPointsOf(money('0.09', 'EUR'), 500)).toEqual(money('0.00', 'EUR'));
    expect(basisPointsOf(money('-0.10', 'EUR'), 500)).toEqual(money('-0.01', 'EUR'));
  });
  it('exceedsShare is strict and exact', () => {
    expect(exceedsShare(money('162000.00', 'EUR'), money('1080000.00', 'EUR'), 1500)).toBe(false);
    expect(exceedsShare(money('162000.01', 'EUR'), money('1080000.00', 'EUR'), 1500)).toBe(true);
    expect(exceedsShare(money('0.01', 'EUR'), money('0.00', 'EUR'), 1500)).toBe(true);
  });
  it('decimal comparison and percentages are exact', () => {
    expect(compareDecimal('99.90', '99.9')).toBe(0);
    expect(compareDecimal('-1', '0.5')).toBe(-1);
    expect(percentString(1n, 6n)).toBe('16.67');
    expect(format(money('5', 'EUR'))).toBe('5.00 EUR');
    expect(abs(money('-5', 'EUR'))).toEqual(money('5', 'EUR'));
  });
  it('arithmetic in minor units agrees with BigInt (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (a, b) => {
        const x = fromMinor(a, 'EUR');
        const y = fromMinor(b, 'EUR');
        expect(minor(add(x, y))).toBe(a + b);
        expect(minor(money(x.amount, 'EUR'))).toBe(a);
        expect(compare(x, y)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
