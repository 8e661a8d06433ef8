import { runStory } from '@covenant/testing/domain-story';
import { isInstant } from './shared/time';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Walks a payload: numbers are integers (never float amounts), money is a decimal string in an ISO 4217 currency, times are ISO instants. */
function problems(value: unknown, path = 'data'): string[] {
  if (value === undefined) return [`${path}: undefined does not survive JSON`];
  if (typeof value === 'number') return Number.isSafeInteger(value) ? [] : [`${path}: ${value} is not an integer`];
  if (Array.isArray(value)) return value.flatMap((v, i) => problems(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const out: string[] = [];
    if ('currency' in o) {
      if (typeof o.amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(o.amount)) out.push(`${path}.amount: not a decimal string`);
      if (typeof o.currency !== 'string' || !/^[A-Z]{3}$/.test(o.currency)) out.push(`${path}.currency: not ISO 4217`);
    }
    for (const [k, v] of Object.entries(o)) {
      const dateNamed = /(At|By)$|^(effectiveFrom|until)$/.test(k);
      if (typeof v === 'string' && (dateNamed || /^\d{4}-\d{2}-\d{2}T/.test(v)) && !isInstant(v)) out.push(`${path}.${k}: not an ISO instant`);
      out.push(...problems(v, `${path}.${k}`));
    }
    return out;
  }
  return [];
}

describe('Serialisation', () => {
  const events = Object.values(runStory().streams).flat();

  it('every event round-trips through JSON unchanged', () => {
    for (const e of events) {
      const stored = JSON.parse(JSON.stringify({ type: e.type, schemaVersion: e.schemaVersion, data: e.data })) as Json;
      expect(stored).toStrictEqual({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
    }
  });

  it('dates are ISO strings, money decimal strings with an ISO 4217 currency, never floats', () => {
    expect(events.flatMap((e) => problems(e.data, e.type))).toEqual([]);
    expect(events.every((e) => e.occurredAt !== undefined && isInstant(e.occurredAt))).toBe(true);
  });

  it('the payload carries no metadata: actor, correlation and occurredAt stay out of data', () => {
    for (const e of events) expect(Object.keys(e.data as object)).not.toEqual(expect.arrayContaining(['actorId']));
    for (const e of events) expect(Object.keys(e.data as object)).not.toContain('occurredAt');
    for (const e of events) expect(Object.keys(e.data as object)).not.toContain('correlationId');
  });
});
