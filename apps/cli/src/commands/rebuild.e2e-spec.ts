import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ALL_PROJECTIONS } from '@covenant/projections/registry';
import { tempSqliteFile } from '@covenant/testing/sqlite';

jest.setTimeout(180_000);

const root = join(__dirname, '..', '..', '..', '..');
function covenant(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('covenant rebuild', () => {
  const temp = tempSqliteFile();
  const env = { COVENANT_DATA_DIR: join(temp.file, '..') };
  afterAll(() => temp.remove());

  it('rebuilds every read model of the seeded store and leaves each at the head with no rebuild pending', () => {
    expect(covenant(['seed', '--demo', '--now', '2026-06-01T12:00:00Z'], env).status).toBe(0);
    const r = covenant(['rebuild'], env);
    expect(r.stderr).toMatch(/100\.0%\s+position 284\/284/);
    expect(r.stdout).toContain(`Rebuilt ${ALL_PROJECTIONS.map((p) => `${p.name} v${p.version}`).join(', ')} from 284 events`);
    expect(r.status).toBe(0);
    const db = new BetterSqlite3(join(temp.file, '..', 'covenant.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT name, position, rebuild_generation FROM covenant_projections ORDER BY name').all();
      expect(rows).toEqual(ALL_PROJECTIONS.map((p) => ({ name: p.name, position: 284, rebuild_generation: null })).sort((a, b) => a.name.localeCompare(b.name)));
      expect(db.prepare('SELECT count(*) AS n FROM rm_audit_trail').get()).toEqual({ n: 284 });
    } finally {
      db.close();
    }
  });

  it('rebuilds in two lanes when asked, leaving the same read models and no lane file', () => {
    const file = join(temp.file, '..', 'covenant.db');
    const snapshot = () => {
      const db = new BetterSqlite3(file, { readonly: true });
      try {
        return ALL_PROJECTIONS.flatMap((p) => p.tables.map((t) => [t.name, db.prepare(`SELECT * FROM ${t.name} ORDER BY ${t.primaryKey.join(', ')}`).all()]));
      } finally {
        db.close();
      }
    };
    const before = snapshot();
    const r = covenant(['rebuild', '--fresh', '--lanes', '2'], env);
    expect(r.stderr).toMatch(/100\.0%\s+position 284\/284/);
    expect(r.stdout).toContain('from 284 events');
    expect(r.status).toBe(0);
    expect(existsSync(`${file}.rebuild-lane`)).toBe(false);
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown projection name, listing the known ones, with exit code 2', () => {
    const r = covenant(['rebuild', '--projection', 'no-such-model'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown projection no-such-model; known: audit-trail');
  });

  it('refuses a number of lanes other than 1 or 2 with exit code 2, rebuilding nothing', () => {
    const r = covenant(['rebuild', '--lanes', '3'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--lanes must be 1 or 2, not 3');
    expect(r.stdout).not.toContain('Rebuilt');
  });
});
