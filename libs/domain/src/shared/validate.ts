import { invalid } from './errors';

export function requireText(field: string, v: unknown, max = 2000): string {
  if (typeof v !== 'string' || v.trim().length === 0) invalid(field, 'non-empty', `${field} must be a non-empty string`);
  if (v.length > max) invalid(field, 'max-length', `${field} must be at most ${max} characters`);
  return v;
}

export function requireId(field: string, v: unknown): string {
  if (typeof v !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(v)) {
    invalid(field, 'id', `${field} must be an id (letters, digits, . _ : -, at most 128)`);
  }
  return v;
}

export function requireInt(field: string, v: unknown, minValue: number, maxValue: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < minValue || v > maxValue) {
    invalid(field, 'integer-range', `${field} must be an integer from ${minValue} to ${maxValue}`);
  }
  return v;
}

export function requireOneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) invalid(field, 'one-of', `${field} must be one of ${allowed.join(', ')}`);
  return v as T;
}

export function requireUnique(field: string, values: readonly string[]): void {
  if (new Set(values).size !== values.length) invalid(field, 'unique', `${field} must not repeat`);
}

/** A content hash as the caller computed it: SHA-256 in lowercase hex. */
export function requireSha256(field: string, v: unknown): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) invalid(field, 'sha256-hex', `${field} must be a SHA-256 digest in lowercase hex`);
  return v;
}
