import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import BetterSqlite3 from 'better-sqlite3';
import type { EventStore } from '@covenant/event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { SIGNING_KEY_FILE } from '@covenant/application/audit/signing-key';
import { SQLITE_EVENTS_FILE } from '@covenant/application/store/create-event-store';
import { createTestDatabase, TestDatabase } from '@covenant/testing/postgres';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..', '..');
function covenant(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function writeEvents(store: EventStore, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) await store.appendToStream(`contract-c${i % 2}`, [{ type: 'Noted', data: { note: `event ${i}` } }]);
  await store.close();
}

describe('covenant verify and covenant checkpoint', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'covenant-verify-'));
    env = { COVENANT_DATA_DIR: dataDir };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds an empty store intact', () => {
    const r = covenant(['verify'], env);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'OK 0 events, 0 checkpoints\n' });
  });

  it('signs a checkpoint with a key generated into the data dir (0600), verifies, then names a tampered position (exit 1)', async () => {
    await writeEvents(new SqliteEventStore({ file: join(dataDir, SQLITE_EVENTS_FILE) }), 5);
    const issued = covenant(['checkpoint'], env);
    expect({ status: issued.status, stdout: issued.stdout }).toEqual({ status: 0, stdout: expect.stringMatching(/^Checkpoint 1 issued: tree size 5, root [0-9a-f]{64}\n$/) });
    expect(statSync(join(dataDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(covenant(['checkpoint'], env).stdout).toBe('No new events: checkpoint 1 already covers all 5.\n');
    expect(covenant(['verify'], env)).toMatchObject({ status: 0, stdout: 'OK 5 events, 1 checkpoints\n' });

    const db = new BetterSqlite3(join(dataDir, SQLITE_EVENTS_FILE));
    db.prepare("UPDATE events SET data = replace(data, 'event 3', 'event 8') WHERE position = 3").run();
    db.close();
    const bad = covenant(['verify'], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^FAILED at position 3: payload-changed — /);
    const json = covenant(['verify', '--json'], env);
    expect({ status: json.status, report: JSON.parse(json.stdout) }).toEqual({
      status: 1,
      report: { ok: false, events: 2, checkpoints: 0, failure: { position: 3, reason: 'payload-changed', detail: expect.any(String) } },
    });
  });

  it('refuses to sign a checkpoint over an event that no longer matches its hash (exit 1, nothing written)', async () => {
    const file = join(dataDir, SQLITE_EVENTS_FILE);
    await writeEvents(new SqliteEventStore({ file }), 4);
    const db = new BetterSqlite3(file);
    db.prepare("UPDATE events SET data = replace(data, 'event 4', 'event 9') WHERE position = 4").run();
    db.close();
    const refused = covenant(['checkpoint'], env);
    expect({ status: refused.status, stdout: refused.stdout, stderr: refused.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(/^covenant checkpoint: refusing to sign: position 4: payload-changed/),
    });
    expect(covenant(['verify'], env).stdout).toMatch(/^FAILED at position 4: payload-changed/);
  });

  it('checks signatures with --public-key, and exits 2 when that key cannot be read', async () => {
    await writeEvents(new SqliteEventStore({ file: join(dataDir, SQLITE_EVENTS_FILE) }), 3);
    expect(covenant(['checkpoint'], env).status).toBe(0);
    const other = join(dataDir, 'other.pub.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    const wrongKey = covenant(['verify', '--public-key', other], env);
    expect({ status: wrongKey.status, stdout: wrongKey.stdout }).toEqual({ status: 1, stdout: expect.stringMatching(/^FAILED at position 3: checkpoint-signature-invalid — /) });
    const missing = covenant(['verify', '--public-key', join(dataDir, 'nope.pem')], env);
    expect({ status: missing.status, stderr: missing.stderr }).toEqual({ status: 2, stderr: expect.stringMatching(/^covenant verify: --public-key .*nope\.pem: /) });
  });

  it('reports checkpoints it cannot check when the signing key is gone', async () => {
    await writeEvents(new SqliteEventStore({ file: join(dataDir, SQLITE_EVENTS_FILE) }), 2);
    expect(covenant(['checkpoint'], env).status).toBe(0);
    rmSync(join(dataDir, SIGNING_KEY_FILE));
    const r = covenant(['verify'], env);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: expect.stringMatching(/^FAILED at position 2: checkpoint-signature-invalid — .*no signing key/) });
  });

  describe('on PostgreSQL', () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await createTestDatabase();
      env = { ...env, COVENANT_STORE: 'postgres', DATABASE_URL: db.url };
    });
    afterEach(async () => db?.drop());

    it('checkpoints, verifies, and names a deleted event (exit 1)', async () => {
      await writeEvents(new PostgresEventStore({ connectionString: db.url }), 6);
      expect(covenant(['checkpoint'], env)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Checkpoint 1 issued: tree size 6/) });
      expect(covenant(['verify'], env)).toMatchObject({ status: 0, stdout: 'OK 6 events, 1 checkpoints\n' });
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query('DELETE FROM covenant_events WHERE position = 4');
      await client.end();
      expect(covenant(['verify'], env)).toMatchObject({ status: 1, stdout: expect.stringMatching(/^FAILED at position 4: position-missing — /) });
    });
  });
});
