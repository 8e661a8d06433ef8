import type { ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../../envelope';
import { InvalidEventError } from '../../errors';

// Read options are checked like append input: a bad value is an InvalidEventError, never a silent
// default. Store-neutral (the memory store uses them too); a candidate for validation.ts.

function checkInteger(field: string, value: unknown, min: number): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= min)) {
    throw new InvalidEventError(field, `must be an integer >= ${min}`);
  }
}

function checkStrings(field: string, value: unknown): void {
  if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
    throw new InvalidEventError(field, 'must be an array of strings');
  }
}

export function validateReadStream(o: ReadStreamOptions): void {
  checkInteger('fromVersion', o.fromVersion, 0);
  checkInteger('toVersion', o.toVersion, 0);
  checkInteger('limit', o.limit, 0);
  if (o.direction !== undefined && o.direction !== 'forwards' && o.direction !== 'backwards') {
    throw new InvalidEventError('direction', "must be 'forwards' or 'backwards'");
  }
}

export function validateReadAll(o: ReadAllOptions | SubscribeOptions): void {
  checkInteger('after', o.after, 0);
  if ('limit' in o) checkInteger('limit', o.limit, 0);
  checkStrings('categories', o.categories);
  checkStrings('types', o.types);
}
