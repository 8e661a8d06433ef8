/**
 * Instants as these read models store and compare them: `YYYY-MM-DDTHH:MM:SS.sssZ`, so that they sort
 * and compare as text in SQL. Payload instants and query parameters may carry another zone or no
 * milliseconds (`2026-03-01T10:00:00+02:00`); they are brought to this form before they touch SQL.
 */
export function canonicalInstant(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

export function canonicalOrUndefined(instant: string | undefined): string | undefined {
  return instant === undefined ? undefined : canonicalInstant(instant);
}
