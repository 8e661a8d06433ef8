import { isAbsolute, resolve } from 'node:path';

/**
 * Covenant's whole configuration, read once from the environment and validated. A wrong value stops
 * start-up with a message naming the variable and what it accepts (never a half-configured engine).
 * This is the only module that reads process.env (ARCHITECTURE.md rule 7).
 */
export interface CovenantConfig {
  store: 'sqlite' | 'postgres' | 'eventstoredb';
  dataDir: string;
  databaseUrl?: string;
  eventStoreConnectionString?: string;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** Where read models live: sqlite in the data dir, or postgres at DATABASE_URL. */
  readModels: 'sqlite' | 'postgres';
  /** inline: read models commit with each append (sqlite/postgres); async: they follow the log. */
  projectionMode: 'inline' | 'async';
  port: number;
  host: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

export class ConfigError extends Error {
  constructor(readonly variable: string, readonly accepts: string, readonly got: string | undefined) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(got ?? '')} — ${variable} accepts ${accepts}`);
    this.name = 'ConfigError';
  }
}

/** The documented variables, for the README table and `covenant config`. */
export const CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; accepts: string; meaning: string }> = [
  { name: 'COVENANT_STORE', default: 'sqlite', accepts: 'sqlite | postgres | eventstoredb', meaning: 'The event store adapter' },
  { name: 'COVENANT_DATA_DIR', default: './data', accepts: 'a directory path', meaning: 'SQLite files, generated keys and secrets of the embedded default' },
  { name: 'DATABASE_URL', default: '(none)', accepts: 'postgres://user:pass@host:port/db', meaning: 'PostgreSQL for the postgres store and for read models' },
  { name: 'EVENTSTORE_CONNECTION_STRING', default: '(none)', accepts: 'esdb://host:2113?tls=false (or esdb+discover://…)', meaning: 'EventStoreDB/KurrentDB cluster for the eventstoredb store' },
  { name: 'COVENANT_SQLITE_SYNCHRONOUS', default: 'NORMAL', accepts: 'NORMAL | FULL', meaning: 'SQLite durability: FULL also survives power loss' },
  { name: 'COVENANT_READ_MODELS', default: 'sqlite, or postgres when DATABASE_URL is set', accepts: 'sqlite | postgres', meaning: 'Where read models (projections) are stored' },
  { name: 'COVENANT_PROJECTION_MODE', default: 'inline (async on eventstoredb)', accepts: 'inline | async', meaning: 'inline: read models commit in each append\'s transaction (a command\'s answer is visible to the next query); async: they follow the log from a checkpoint' },
  { name: 'PORT', default: '3000', accepts: 'an integer 0-65535', meaning: 'HTTP port' },
  { name: 'HOST', default: '127.0.0.1', accepts: 'an interface address', meaning: 'HTTP bind address (0.0.0.0 to be reachable from other machines)' },
  { name: 'LOG_LEVEL', default: 'log', accepts: 'error | warn | log | debug', meaning: 'Log verbosity' },
];

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, values.join(' | '), raw);
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): CovenantConfig {
  const store = oneOf(env, 'COVENANT_STORE', ['sqlite', 'postgres', 'eventstoredb'] as const, 'sqlite');
  const dataDirRaw = env.COVENANT_DATA_DIR || './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'a postgres:// or postgresql:// URL', databaseUrl);
  }
  if (store === 'postgres' && !databaseUrl) {
    throw new ConfigError('DATABASE_URL', 'a postgres:// URL (required when COVENANT_STORE=postgres)', databaseUrl);
  }
  const esdb = env.EVENTSTORE_CONNECTION_STRING || undefined;
  if (esdb !== undefined && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(esdb)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'an esdb:// or esdb+discover:// connection string', esdb);
  }
  if (store === 'eventstoredb' && !esdb) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'an esdb:// connection string (required when COVENANT_STORE=eventstoredb)', esdb);
  }
  const sqliteSynchronous = oneOf(env, 'COVENANT_SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL');
  const readModels = oneOf(env, 'COVENANT_READ_MODELS', ['sqlite', 'postgres'] as const, databaseUrl && store !== 'sqlite' ? 'postgres' : 'sqlite');
  if (readModels === 'postgres' && !databaseUrl) {
    throw new ConfigError('DATABASE_URL', 'a postgres:// URL (required when COVENANT_READ_MODELS=postgres)', databaseUrl);
  }
  const projectionMode = oneOf(env, 'COVENANT_PROJECTION_MODE', ['inline', 'async'] as const, 'inline');
  const portRaw = env.PORT ?? '3000';
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port > 65535) throw new ConfigError('PORT', 'an integer 0-65535', portRaw);
  const host = env.HOST || '127.0.0.1';
  const logLevel = oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log');
  return { store, dataDir, databaseUrl, eventStoreConnectionString: esdb, sqliteSynchronous, readModels, projectionMode, port, host, logLevel };
}
