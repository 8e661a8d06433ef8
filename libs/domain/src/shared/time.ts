import { invalid } from './errors';

/**
 * Instants are ISO-8601 strings with a zone (`Z` or `±hh:mm`) everywhere in commands and events. The
 * domain compares them through Date.parse (pure) and never reads the clock: `now` comes with the
 * command. Durations in terms are whole hours or days of exactly 24 hours (UTC, no calendar or DST
 * arithmetic), so every deadline is reproducible from the events alone.
 */
export type Instant = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(s: unknown): s is Instant {
  return typeof s === 'string' && ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s));
}

export function requireInstant(field: string, s: unknown): Instant {
  if (!isInstant(s)) invalid(field, 'iso-instant', `${field} must be an ISO-8601 instant with a zone`);
  return s;
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ`, the form toISOString produces: such strings sort chronologically. */
function isCanonical(i: string): boolean {
  return i.length === 24 && i.charCodeAt(23) === 90 /* Z */ && i.charCodeAt(10) === 84 /* T */ && i.charCodeAt(19) === 46 /* . */;
}

/**
 * Chronological order of two instants. Canonical UTC strings compare as strings (a replay of ten
 * thousand events would otherwise spend most of its time in Date.parse); anything else is parsed.
 */
export function compareInstants(a: Instant, b: Instant): number {
  if (isCanonical(a) && isCanonical(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}

export function ms(i: Instant): number {
  return Date.parse(i);
}

export function fromMs(n: number): Instant {
  return new Date(n).toISOString();
}

export function addMs(i: Instant, n: number): Instant {
  return fromMs(ms(i) + n);
}

export function addHours(i: Instant, hours: number): Instant {
  return addMs(i, hours * HOUR_MS);
}

export function addDays(i: Instant, days: number): Instant {
  return addMs(i, days * DAY_MS);
}

export function isBefore(a: Instant, b: Instant): boolean {
  return ms(a) < ms(b);
}

export function isAfter(a: Instant, b: Instant): boolean {
  return ms(a) > ms(b);
}

export function isAtOrAfter(a: Instant, b: Instant): boolean {
  return ms(a) >= ms(b);
}

export function isAtOrBefore(a: Instant, b: Instant): boolean {
  return ms(a) <= ms(b);
}

export function latest(a: Instant, b: Instant): Instant {
  return ms(a) >= ms(b) ? a : b;
}

export function earliest(a: Instant, b: Instant): Instant {
  return ms(a) <= ms(b) ? a : b;
}

/**
 * Deadlines are exclusive: an action strictly before the deadline is on time, an action at the
 * deadline instant is late. So a deadline is missed at the deadline itself, and the fact "it was
 * missed" (an automatic escalation, an overdue review) is dated then: `dueAt`, never at the tick that
 * noticed it. A scheduler ticking at exactly the deadline acts.
 */
export function isPast(deadline: Instant, now: Instant): boolean {
  return ms(now) >= ms(deadline);
}

/**
 * The instant as `YYYY-MM-DDTHH:MM:SS.sssZ` (what `Date.toISOString` writes), whatever zone or precision
 * it was given in: the form that compares and sorts as text. Text already in that form (the form events
 * are stored in, and what this module's arithmetic returns) is kept without parsing a date.
 */
export function canonicalInstant(i: Instant): Instant {
  return CANONICAL.test(i) ? i : fromMs(ms(i));
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The calendar month (UTC) an instant falls in, e.g. `2025-03`: the service-credit cap period. */
export function monthOf(i: Instant): string {
  return canonicalInstant(i).slice(0, 7);
}
