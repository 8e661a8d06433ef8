/**
 * JSON text with object keys in sorted order at every level. A payload's key order is not stable:
 * inline projection sees the event as the decider built it, while a rebuild reads it back from the
 * store, and PostgreSQL's jsonb reorders keys. Payload-derived JSON columns are written with this so
 * that a rebuild gives byte-identical rows.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as Record<string, unknown>).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}
