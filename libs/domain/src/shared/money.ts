import { divideRoundHalfUp, formatScaled, isDecimal, parseDecimal, rescale } from './decimal';
import { DomainError } from './errors';

/** Money as it is stored: a decimal string and an ISO 4217 currency. Never a float. */
export interface Money {
  amount: string;
  currency: string;
}

// ISO 4217 minor units that differ from the usual two.
const ZERO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function minorUnits(currency: string): number {
  return ZERO_DECIMALS.has(currency) ? 0 : THREE_DECIMALS.has(currency) ? 3 : 2;
}

export function isCurrency(c: unknown): c is string {
  return typeof c === 'string' && /^[A-Z]{3}$/.test(c);
}

/**
 * Validates and normalises to the currency's minor units ("1200" EUR → "1200.00"). More decimals than
 * the currency has is an error, not a rounding.
 */
export function money(amount: string, currency: string, field = 'amount'): Money {
  if (!isCurrency(currency)) throw new DomainError('MONEY.INVALID_CURRENCY', `${field}: ${String(currency)} is not an ISO 4217 code`, { field });
  if (!isDecimal(amount)) throw new DomainError('MONEY.INVALID_AMOUNT', `${field}: ${String(amount)} is not a decimal string`, { field });
  const d = parseDecimal(amount);
  const scale = minorUnits(currency);
  if (d.scale > scale) {
    const excess = d.units % 10n ** BigInt(d.scale - scale);
    if (excess !== 0n) throw new DomainError('MONEY.INVALID_AMOUNT', `${field}: ${currency} has ${scale} decimals`, { field });
    return { amount: formatScaled(d.units / 10n ** BigInt(d.scale - scale), scale), currency };
  }
  return { amount: formatScaled(rescale(d, scale), scale), currency };
}

/** The amount in minor units (cents) as a BigInt. */
export function minor(m: Money): bigint {
  const d = parseDecimal(m.amount);
  const scale = minorUnits(m.currency);
  return d.scale <= scale ? rescale(d, scale) : d.units / 10n ** BigInt(d.scale - scale);
}

export function fromMinor(units: bigint, currency: string): Money {
  return { amount: formatScaled(units, minorUnits(currency)), currency };
}

export function zero(currency: string): Money {
  return fromMinor(0n, currency);
}

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError('MONEY.CURRENCY_MISMATCH', `${a.currency} and ${b.currency} cannot be combined`, { currencies: [a.currency, b.currency] });
  }
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return fromMinor(minor(a) + minor(b), a.currency);
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return fromMinor(minor(a) - minor(b), a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  same(a, b);
  const x = minor(a);
  const y = minor(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function abs(a: Money): Money {
  const u = minor(a);
  return fromMinor(u < 0n ? -u : u, a.currency);
}

export function isZero(a: Money): boolean {
  return minor(a) === 0n;
}

/** A share in basis points (1500 = 15 %), rounded half up to the currency's minor unit. */
export function basisPointsOf(m: Money, bps: number): Money {
  return fromMinor(divideRoundHalfUp(minor(m) * BigInt(bps), 10_000n), m.currency);
}

/** `part` is strictly more than `bps` basis points of `whole` (exact, by cross-multiplication). */
export function exceedsShare(part: Money, whole: Money, bps: number): boolean {
  same(part, whole);
  return minor(part) * 10_000n > minor(whole) * BigInt(bps);
}

export function format(m: Money): string {
  return `${m.amount} ${m.currency}`;
}
