import { startEmbeddedServer, type EmbeddedServer } from './postgres/embedded-server';

/** Shared with global-teardown, which jest runs in this same process. */
export const SERVER_KEY = '__covenantEmbeddedPostgres__';
type WithServer = typeof globalThis & { [SERVER_KEY]?: EmbeddedServer };

const NEEDS_DATABASE = ['int', 'e2e'];

/** The values of a jest CLI list option (`--opt a b` or `--opt=a,b`); null when absent. */
function cliList(option: string): string[] | null {
  const argv = process.argv;
  let values: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith(`${option}=`)) values = [...(values ?? []), ...argv[i].slice(option.length + 1).split(',')];
    else if (argv[i] === option) {
      values ??= [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) values.push(argv[++i]);
    }
  }
  return values;
}

/**
 * Whether any selected project needs PostgreSQL. Jest hands global set-up neither the selected
 * projects nor the test list, so this reads its command line: a unit-only run starts no server.
 */
function needsDatabase(): boolean {
  const selected = cliList('--selectProjects');
  const ignored = cliList('--ignoreProjects') ?? [];
  return NEEDS_DATABASE.some((p) => (!selected || selected.includes(p)) && !ignored.includes(p));
}

/**
 * One PostgreSQL for the whole run. DATABASE_URL wins when set (CI with a service, a developer's own
 * server); otherwise an embedded server starts here and its URL goes into process.env before jest
 * forks its workers, so they inherit it. Each test file then makes its own database on it
 * (libs/testing/src/postgres.ts), so files never interfere.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    console.log('\nEventStoreDB conformance: skipped (EVENTSTORE_CONNECTION_STRING not set)');
  }
  if (process.env.DATABASE_URL) return;
  if (!needsDatabase()) return;
  const server = await startEmbeddedServer({ fast: true });
  (globalThis as WithServer)[SERVER_KEY] = server;
  process.env.DATABASE_URL = server.url;
  console.log(`Embedded PostgreSQL started in ${server.startupMs} ms (DATABASE_URL not set)`);
}
