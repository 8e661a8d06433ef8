/**
 * JSON text with object keys sorted, so a stored document does not depend on the order the event's
 * payload happened to have: inline, a projection sees the payload as the command built it; rebuilt
 * from the log, as the store serialised it. Rebuild equals inline only if both write the same text.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
