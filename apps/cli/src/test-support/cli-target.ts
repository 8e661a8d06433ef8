import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEnvelope, EventStore } from '@covenant/event-store';
import { PostgresEventStore } from '@covenant/event-store/adapters/postgres/postgres-event-store';
import { SqliteEventStore } from '@covenant/event-store/adapters/sqlite/sqlite-event-store';
import { createTestDatabase, TestDatabase } from '@covenant/testing/postgres';

const root = join(__dirname, '..', '..', '..', '..');

export type Engine = 'sqlite' | 'postgres';

/** Where a CLI test's store lives: a temp data dir, and on postgres a fresh database too. */
export interface Target {
  engine: Engine;
  dataDir: string;
  db?: TestDatabase;
  /** Extra environment for the command (keys, settings). */
  env?: Record<string, string>;
}

export async function cliTarget(engine: Engine, prefix: string): Promise<Target> {
  return { engine, dataDir: mkdtempSync(join(tmpdir(), prefix)), db: engine === 'postgres' ? await createTestDatabase() : undefined };
}

export async function removeTarget(t: Target | undefined): Promise<void> {
  if (!t) return;
  rmSync(t.dataDir, { recursive: true, force: true });
  await t.db?.drop();
}

/** Runs the `covenant` command line (from source) on the target's store. */
export function covenant(args: string[], t: Target) {
  const store = t.engine === 'postgres' ? { COVENANT_STORE: 'postgres', DATABASE_URL: t.db?.url ?? '' } : { COVENANT_STORE: 'sqlite', DATABASE_URL: '' };
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...store, COVENANT_DATA_DIR: t.dataDir, COVENANT_READ_MODELS: '', LOG_LEVEL: 'warn', ...t.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Every event of the target's log, read through the store port. */
export async function readLog(t: Target): Promise<EventEnvelope[]> {
  const store: EventStore =
    t.engine === 'postgres' ? new PostgresEventStore({ connectionString: t.db?.url ?? '' }) : new SqliteEventStore({ file: join(t.dataDir, 'covenant.db') });
  try {
    const events: EventEnvelope[] = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  } finally {
    await store.close();
  }
}
