import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { TokenKeys, tokenKeysFrom } from '@covenant/application/auth/tokens';
import { signJwt } from '@covenant/testing/jwt';
import type { CovenantClaims } from '@covenant/application/auth/principal';
import { CovenantConfig, loadConfig } from '@covenant/application/config/covenant-config';
import { createTestDatabase, TestDatabase } from '@covenant/testing/postgres';
import { createApp } from '../../apps/api/src/bootstrap';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

export interface TestApp {
  app: INestApplication;
  config: CovenantConfig;
  close(): Promise<void>;
  /** supertest on the app, every request carrying an admin bearer token (sub `e2e.admin`). */
  http(): TestAgent;
  /** supertest on the app with no token at all. */
  anonymous(): TestAgent;
  /** `Bearer <token>` for these claims, signed with the app's key (an hour's validity). */
  bearer(claims: CovenantClaims): string;
  /** `{ Authorization }` of an admin token whose subject (the actor recorded in events) is `personId`. */
  as(personId: string): { Authorization: string };
  keys: TokenKeys;
}

export const E2E_ADMIN = 'e2e.admin';

/** A real Nest app on a fresh store: a temp sqlite data dir, or a fresh PostgreSQL database. */
export async function startTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'covenant-e2e-'));
  let db: TestDatabase | undefined;
  // Specs send many bad tokens from one address: the failed-authentication limit has its own spec.
  const vars: Record<string, string> = { COVENANT_DATA_DIR: dataDir, LOG_LEVEL: 'error', COVENANT_AUTH_FAILURES_PER_MINUTE: '100000', ...env };
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
  const keys = tokenKeysFrom(config);
  const bearer = (claims: CovenantClaims) => `Bearer ${signJwt(keys, claims)}`;
  // Minted on first use: an app configured with a public key only has no key to sign with here.
  let admin: string | undefined;
  return {
    app,
    config,
    bearer,
    keys,
    as: (personId: string) => ({ Authorization: bearer({ sub: personId, role: 'admin' }) }),
    anonymous: () => request.agent(app.getHttpServer()),
    http: () => request.agent(app.getHttpServer()).set('Authorization', (admin ??= bearer({ sub: E2E_ADMIN, role: 'admin' }))),
    async close() {
      await app.close();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
