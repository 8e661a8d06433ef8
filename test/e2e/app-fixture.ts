import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { CovenantConfig, loadConfig } from '@covenant/application/config/covenant-config';
import { createTestDatabase, TestDatabase } from '@covenant/testing/postgres';
import { createApp } from '../../apps/api/src/bootstrap';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

export interface TestApp {
  app: INestApplication;
  config: CovenantConfig;
  close(): Promise<void>;
}

/** A real Nest app on a fresh store: a temp sqlite data dir, or a fresh PostgreSQL database. */
export async function startTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'covenant-e2e-'));
  let db: TestDatabase | undefined;
  const vars: Record<string, string> = { COVENANT_DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env };
  vars.COVENANT_SCHEDULER ??= 'off';
  if (engine === 'postgres') {
    db = await createTestDatabase();
    Object.assign(vars, { COVENANT_STORE: 'postgres', DATABASE_URL: db.url });
  }
  const config = loadConfig(vars);
  const app = await createApp(config);
  await app.init();
  // Fastify serves only once ready (supertest drives its server directly, without listen).
  await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  return {
    app,
    config,
    async close() {
      await app.close();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
