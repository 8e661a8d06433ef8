import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The domain imports nothing from a framework, driver or I/O module, and reads no clock and no
 * randomness (dependency-cruiser and ESLint enforce it too; this spec makes it part of `jest`).
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('Domain purity', () => {
  const files = sources(__dirname);

  it('imports only relative modules of the domain itself', () => {
    const offenders: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!spec.startsWith('.')) offenders.push(`${relative(__dirname, f)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('reads no clock, makes no randomness and touches no process', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const [re, what] of [
        [/new Date\(\s*\)/, 'new Date()'],
        [/Date\.now\(/, 'Date.now()'],
        [/Math\.random\(/, 'Math.random()'],
        [/\bprocess\./, 'process'],
        [/\bcrypto\b/, 'crypto'],
        [/\bsetTimeout\(|\bsetInterval\(/, 'timers'],
      ] as const) {
        if (re.test(text)) offenders.push(`${relative(__dirname, f)}: ${what}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
