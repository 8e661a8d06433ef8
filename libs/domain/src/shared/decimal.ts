/**
 * Exact decimal arithmetic on strings with BigInt: amounts, measurements and targets are never floats.
 * A decimal string is an optional minus, digits, and optionally a dot and more digits.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface Scaled {
  units: bigint;
  scale: number;
}

export function isDecimal(s: unknown): s is string {
  return typeof s === 'string' && s.length <= 64 && DECIMAL.test(s);
}

export function parseDecimal(s: string): Scaled {
  if (!isDecimal(s)) throw new Error(`Not a decimal string: ${s}`);
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const [int, frac = ''] = body.split('.');
  const units = BigInt(int + frac) * (negative ? -1n : 1n);
  return { units, scale: frac.length };
}

export function rescale(d: Scaled, scale: number): bigint {
  if (scale >= d.scale) return d.units * 10n ** BigInt(scale - d.scale);
  throw new Error('rescale would lose digits');
}

/** Renders units at a scale: (12345n, 2) → "123.45". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && units !== 0n ? `-${body}` : body;
}

export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const l = rescale(x, scale);
  const r = rescale(y, scale);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Integer division rounding half away from zero ("commercial rounding"). */
export function divideRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new Error('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (2n * ad);
  return negative ? -q : q;
}

/** `num / den` as a percentage string with `decimals` places, e.g. (1, 6, 2) → "16.67". */
export function percentString(num: bigint, den: bigint, decimals = 2): string {
  if (den === 0n) return num === 0n ? formatScaled(0n, decimals) : 'inf';
  return formatScaled(divideRoundHalfUp(num * 100n * 10n ** BigInt(decimals), den), decimals);
}
