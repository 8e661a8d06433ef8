/** Digits (with an optional minus, so a negative is reported by `min`) become a number; anything else stays a string and fails `isInt`. */
export const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value);

/** `a,b` and `?x=a&x=b` both become ['a', 'b']; anything else is left for the validators to reject. */
export const toList = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') return value.split(',');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.flatMap((v: string) => v.split(','));
  return value;
};

/** `true`/`false` query strings become booleans; anything else is left for `isBoolean` to reject. */
export const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
