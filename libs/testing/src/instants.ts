import fc from 'fast-check';

/** An instant written three ways: canonical UTC, UTC without milliseconds, and in another zone. */
export interface InstantForms {
  /** `Date.toISOString()`: UTC with milliseconds, the form events are stored in. */
  canonical: string;
  /** The same instant without its milliseconds (`2025-03-31T23:59:59Z`). */
  withoutMillis: string;
  /** The same instant in a zone `offsetMinutes` from UTC (`2025-04-01T01:59:59.123+02:00`). */
  withOffset: string;
}

function offsetText(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Instants from 1970 to 9998 (so that any zone's local time keeps a four-digit year), in each form. */
export const instantFormsArb: fc.Arbitrary<InstantForms> = fc
  .tuple(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9998-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: -14 * 60, max: 14 * 60 }))
  .map(([d, offsetMinutes]) => {
    const canonical = d.toISOString();
    return {
      canonical,
      withoutMillis: canonical.replace(/\.\d{3}Z$/, 'Z'),
      withOffset: `${new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23)}${offsetText(offsetMinutes)}`,
    };
  });
