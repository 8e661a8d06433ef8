import { startEmbeddedServer, type EmbeddedServer } from './postgres/embedded-server';

/** Shared with global-teardown, which jest runs in this same process. */
export const SERVER_KEY = '__covenantEmbeddedPostgres__';
type WithServer = typeof globalThis & { [SERVER_KEY]?: EmbeddedServer };

const NEEDS_DATABASE = ['int', 'e2e'];

/**
 * One PostgreSQL for the whole run. DATABASE_URL wins when set (CI with a service, a developer's own
 * server); otherwise an embedded server starts here and its URL goes into process.env before jest
 * forks its workers, so they inherit it. Each test file then makes its own database on it
 * (libs/testing/src/postgres.ts), so files never interfere.
 */
export default async function globalSetup(globalConfig: { selectProjects?: string[] }): Promise<void> {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    console.log('\nEventStoreDB conformance: skipped (EVENTSTORE_CONNECTION_STRING not set)');
  }
  if (process.env.DATABASE_URL) return;
  // A unit-only run (`--selectProjects unit`) needs no server.
  const selected = globalConfig.selectProjects;
  if (selected && !selected.some((p) => NEEDS_DATABASE.includes(p))) return;
  const server = await startEmbeddedServer({ fast: true });
  (globalThis as WithServer)[SERVER_KEY] = server;
  process.env.DATABASE_URL = server.url;
  process.env.COVENANT_EMBEDDED_PG = '1';
  console.log(`Embedded PostgreSQL started in ${server.startupMs} ms (DATABASE_URL not set)`);
}
