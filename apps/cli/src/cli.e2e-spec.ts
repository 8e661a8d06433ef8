import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
function covenant(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('covenant command line', () => {
  it('stops on a wrong configuration value naming the variable and what it accepts', () => {
    const r = covenant(['config'], { COVENANT_STORE: 'mongodb' });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('COVENANT_STORE accepts sqlite | postgres | eventstoredb');
  });

  it('prints the effective configuration with the password of DATABASE_URL masked', () => {
    const r = covenant(['config', '--json'], { COVENANT_STORE: 'postgres', DATABASE_URL: 'postgres://app:s3cret@db:5432/covenant' });
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({ store: 'postgres', databaseUrl: 'postgres://app:***@db:5432/covenant' });
    expect(r.stdout).not.toContain('s3cret');
  });
});
