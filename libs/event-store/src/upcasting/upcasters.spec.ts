import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpcasterRegistry } from './upcasters';

// A stored v1 payload as it sits in an old database (fixture file, never edited).
const storedV1 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sla-measurement-recorded.v1.json'), 'utf8'));

describe('upcasters', () => {
  const registry = new UpcasterRegistry([
    // v1 stored a bare number; v2 names the unit, v3 nests the value: a chain of two upcasters.
    { type: 'SlaMeasurementRecorded', fromSchemaVersion: 1, upcast: (d) => ({ ...(d as object), unit: 'percent' }) },
    {
      type: 'SlaMeasurementRecorded',
      fromSchemaVersion: 2,
      upcast: (d) => {
        const { value, unit, ...rest } = d as { value: number; unit: string };
        return { ...rest, measurement: { value, unit } };
      },
    },
  ]);

  it('a breaking change is read through the chain of upcasters up to the current version', () => {
    const current = registry.upcast(storedV1);
    expect(current.schemaVersion).toBe(3);
    expect(current.data).toEqual({ slaId: 'availability', measurement: { value: 99.2, unit: 'percent' } });
  });

  it('leaves the stored payload untouched (hashes cover what was stored)', () => {
    const before = JSON.stringify(storedV1);
    registry.upcast(storedV1);
    expect(JSON.stringify(storedV1)).toBe(before);
  });

  it('passes through types and versions without upcasters', () => {
    const p = { type: 'ContractSigned', schemaVersion: 1, data: { partyId: 'p' } };
    expect(registry.upcast(p)).toBe(p);
  });

  it('refuses two upcasters for the same version', () => {
    expect(() => registry.register({ type: 'SlaMeasurementRecorded', fromSchemaVersion: 1, upcast: (d) => d })).toThrow(/Two upcasters/);
  });
});
