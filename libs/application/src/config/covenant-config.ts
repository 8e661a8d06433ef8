import { isAbsolute, resolve } from 'node:path';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
  /** The Ed25519 key signing checkpoints; absent: generated on first start into <dataDir>/audit-signing-key.pem. */
  signingKey?: SecretSetting;
  /** A checkpoint is issued once this many events are not yet covered… */
  checkpointEveryEvents: number;
  /** …or once this many seconds have passed with new events since the last one. */
  checkpointEverySeconds: number;
  /** on: the api process runs the deadline scheduler every second (absent means on); off: only `covenant tick` fires deadlines. */
  scheduler?: 'on' | 'off';
  /** How bearer tokens are signed and checked (absent fields of the embedded default are generated into the data dir). */
  auth?: AuthSettings;
  /** Origins allowed to call the API from a browser; empty: CORS off. */
  corsOrigins?: string[];
  /** Notification webhooks: POSTed here when set (off by default). */
  webhookUrl?: string;
  /** Signs each webhook body (HMAC-SHA256); required with webhookUrl; never printed. */
  webhookSecret?: SecretSetting;
  /** Attempts per notification before it goes to the dead-letter list. */
  webhookMaxAttempts?: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  webhookBackoffSeconds?: number;
}

/**
 * Token verification: HS256 with a shared secret, or EdDSA/RS256 with a public key (and, for minting
 * with `covenant token`, the matching private key). Neither set: an HS256 secret generated on first
 * start into <dataDir>/jwt-secret. toString/toJSON never reveal a secret or a key.
 */
export interface AuthSettings {
  secret?: SecretSetting;
  publicKey?: SecretSetting;
  privateKey?: SecretSetting;
  issuer: string;
  audience: string;
  /** Failed authentications a client may make per minute before it is refused with 429 for a minute. */
  failuresPerMinute: number;
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
  { name: 'COVENANT_SIGNING_KEY', default: 'generated into <data dir>/audit-signing-key.pem', accepts: 'an Ed25519 private key as PKCS8 PEM, or the path of a file holding one', meaning: 'Signs the audit checkpoints (public key at GET /audit/public-key)' },
  { name: 'COVENANT_CHECKPOINT_EVERY_EVENTS', default: '1000', accepts: 'an integer 1-1000000000', meaning: 'Issue a signed checkpoint once this many events are not yet covered' },
  { name: 'COVENANT_CHECKPOINT_EVERY_SECONDS', default: '60', accepts: 'an integer 1-86400', meaning: 'Issue a signed checkpoint after this many seconds when new events exist' },
  { name: 'COVENANT_JWT_SECRET', default: 'generated into <data dir>/jwt-secret', accepts: 'a secret of at least 32 characters, or the path (starting with / or ./) of a file holding one', meaning: 'HS256 secret that signs and checks bearer tokens (every process of a deployment needs the same one)' },
  { name: 'COVENANT_JWT_PUBLIC_KEY', default: '(none)', accepts: 'an Ed25519 or RSA (2048+ bits) public key as PEM, or the path of a file holding one', meaning: 'Instead of a secret: tokens are EdDSA/RS256, checked with this key (minted elsewhere, or by `covenant token` with COVENANT_JWT_PRIVATE_KEY)' },
  { name: 'COVENANT_JWT_PRIVATE_KEY', default: '(none)', accepts: 'the private key matching COVENANT_JWT_PUBLIC_KEY, as PKCS8 PEM or a file path', meaning: 'Lets `covenant token` mint EdDSA/RS256 tokens; the api never needs it' },
  { name: 'COVENANT_JWT_ISSUER', default: 'covenant', accepts: 'a string', meaning: 'The `iss` every token must carry' },
  { name: 'COVENANT_JWT_AUDIENCE', default: 'covenant-api', accepts: 'a string', meaning: 'The `aud` every token must carry' },
  { name: 'COVENANT_AUTH_FAILURES_PER_MINUTE', default: '10', accepts: 'an integer 1-100000', meaning: 'Failed authentications one client address may make per minute; beyond, 429 for a minute' },
  { name: 'COVENANT_CORS_ORIGINS', default: '(none: CORS off)', accepts: 'comma-separated origins, e.g. https://governance.example.com', meaning: 'Browser origins allowed to call the API' },
  { name: 'COVENANT_WEBHOOK_URL', default: '(none: webhooks off)', accepts: 'an http:// or https:// URL', meaning: 'Each new notification (who must act by when) is POSTed there as JSON, signed in X-Covenant-Signature, by the process running the scheduler' },
  { name: 'COVENANT_WEBHOOK_SECRET', default: '(none)', accepts: 'a secret of at least 32 characters (required with COVENANT_WEBHOOK_URL)', meaning: 'HMAC-SHA256 key of the webhook signature: t=<unix seconds>,v1=hex(HMAC(secret, t + "." + body))' },
  { name: 'COVENANT_WEBHOOK_MAX_ATTEMPTS', default: '8', accepts: 'an integer 1-100', meaning: 'Delivery attempts per notification before it is dead-lettered (GET /notifications/dead-letters)' },
  { name: 'COVENANT_WEBHOOK_BACKOFF_SECONDS', default: '10', accepts: 'an integer 1-86400', meaning: 'Wait before the first retry of a failed delivery; each further retry waits twice as long' },
  { name: 'COVENANT_SCHEDULER', default: 'on', accepts: 'on | off', meaning: 'on: the api process fires due deadlines (activation, escalation, renewal window, expiry, overdue reviews, mediation scheduling, exit steps) every second; on PostgreSQL one instance at a time acts. off: only `covenant tick` fires them' },
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
  const signingKey = signingKeyFrom(env.COVENANT_SIGNING_KEY, cwd);
  const checkpointEveryEvents = integerIn(env, 'COVENANT_CHECKPOINT_EVERY_EVENTS', 1, 1_000_000_000, 1000);
  const checkpointEverySeconds = integerIn(env, 'COVENANT_CHECKPOINT_EVERY_SECONDS', 1, 86_400, 60);
  const scheduler = oneOf(env, 'COVENANT_SCHEDULER', ['on', 'off'] as const, 'on');
  const auth = authFrom(env, cwd);
  const corsOrigins = corsFrom(env.COVENANT_CORS_ORIGINS);
  const webhook = webhookFrom(env);
  return {
    store, dataDir, databaseUrl, eventStoreConnectionString: esdb, sqliteSynchronous, readModels, projectionMode, port, host, logLevel,
    signingKey, checkpointEveryEvents, checkpointEverySeconds, scheduler, auth, corsOrigins, ...webhook,
  };
}

function integerIn(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(name, `an integer ${min}-${max}`, raw);
  return n;
}

const SIGNING_KEY_ACCEPTS = 'an Ed25519 private key as PKCS8 PEM, or the path of a readable file holding one';

/** Checked at start-up: a key that is not an Ed25519 private key must stop the engine, not its first checkpoint. */
function signingKeyFrom(raw: string | undefined, cwd: string): SecretSetting | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  // Container environments often carry a PEM on one line with literal "\n" sequences.
  const setting = SecretSetting.of(raw, cwd, isPem) as SecretSetting;
  if (!holds(() => createPrivateKey(setting.value()).asymmetricKeyType === 'ed25519')) {
    throw new ConfigError('COVENANT_SIGNING_KEY', SIGNING_KEY_ACCEPTS, setting.file === undefined ? '(inline PEM, hidden)' : raw);
  }
  return setting;
}

/**
 * A secret or key given inline or as a file path (the checkpoint signing key, token keys, the webhook
 * secret). Printed by `covenant config` as the file path or "(inline, hidden)": toString and toJSON never
 * reveal the value.
 */
export class SecretSetting {
  private constructor(
    readonly file: string | undefined,
    private readonly inline: string | undefined,
  ) {}

  static of(raw: string | undefined, cwd: string, looksInline: (raw: string) => boolean): SecretSetting | undefined {
    if (raw === undefined || raw.trim() === '') return undefined;
    if (looksInline(raw)) return new SecretSetting(undefined, raw.replace(/\\n/g, '\n'));
    return new SecretSetting(isAbsolute(raw) ? raw : resolve(cwd, raw), undefined);
  }

  /** The text (a file is read each time it is asked for, trailing newline dropped for secrets). */
  value(): string {
    return this.inline ?? readFileSync(this.file as string, 'utf8');
  }

  toString(): string {
    return this.file ?? '(inline, hidden)';
  }

  toJSON(): string {
    return this.toString();
  }
}

const isPem = (raw: string) => raw.trimStart().startsWith('-----BEGIN');

function readable(setting: SecretSetting, variable: string, accepts: string): string {
  try {
    return setting.value();
  } catch {
    throw new ConfigError(variable, `${accepts} (${setting.file} cannot be read)`, setting.toString());
  }
}

/** Whether a check passes; a check that throws (unreadable file, not a key) does not. */
function holds(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

function authFrom(env: Env, cwd: string): AuthSettings {
  // A value starting with / ./ or ../ is the path of a file holding the secret; anything else is the secret.
  const secret = SecretSetting.of(env.COVENANT_JWT_SECRET, cwd, (raw) => !/^(\/|\.\.?\/)/.test(raw));
  const publicKey = SecretSetting.of(env.COVENANT_JWT_PUBLIC_KEY, cwd, isPem);
  const privateKey = SecretSetting.of(env.COVENANT_JWT_PRIVATE_KEY, cwd, isPem);
  if (secret && publicKey) {
    throw new ConfigError('COVENANT_JWT_PUBLIC_KEY', 'a public key only when COVENANT_JWT_SECRET is unset (one way of signing at a time)', publicKey.toString());
  }
  if (secret && readable(secret, 'COVENANT_JWT_SECRET', 'a secret of at least 32 characters').trim().length < 32) {
    throw new ConfigError('COVENANT_JWT_SECRET', 'a secret of at least 32 characters, or the path of a file holding one', '(hidden)');
  }
  if (publicKey) {
    const accepts = 'an Ed25519 or RSA (2048+ bits) public key as PEM, or the path of a file holding one';
    const ok = holds(() => {
      const key = createPublicKey(readable(publicKey, 'COVENANT_JWT_PUBLIC_KEY', accepts));
      return key.asymmetricKeyType === 'ed25519' || (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048);
    });
    if (!ok) throw new ConfigError('COVENANT_JWT_PUBLIC_KEY', accepts, publicKey.toString());
  }
  if (privateKey) {
    const accepts = 'the PKCS8 PEM private key matching COVENANT_JWT_PUBLIC_KEY, or a file path';
    const ok = holds(() => {
      const pub = publicKey && createPublicKey(publicKey.value()).export({ type: 'spki', format: 'pem' });
      return !!pub && createPublicKey(createPrivateKey(readable(privateKey, 'COVENANT_JWT_PRIVATE_KEY', accepts))).export({ type: 'spki', format: 'pem' }) === pub;
    });
    if (!ok) throw new ConfigError('COVENANT_JWT_PRIVATE_KEY', accepts, privateKey.toString());
  }
  return {
    secret,
    publicKey,
    privateKey,
    issuer: env.COVENANT_JWT_ISSUER || 'covenant',
    audience: env.COVENANT_JWT_AUDIENCE || 'covenant-api',
    failuresPerMinute: integerIn(env, 'COVENANT_AUTH_FAILURES_PER_MINUTE', 1, 100_000, 10),
  };
}

function corsFrom(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)) throw new ConfigError('COVENANT_CORS_ORIGINS', 'comma-separated origins such as https://governance.example.com (scheme, host, optional port)', raw);
  }
  return origins;
}

/** Webhooks are off unless a URL is set; then a secret of 32+ characters is required to sign them. */
function webhookFrom(env: Env): Pick<CovenantConfig, 'webhookUrl' | 'webhookSecret' | 'webhookMaxAttempts' | 'webhookBackoffSeconds'> {
  const webhookMaxAttempts = integerIn(env, 'COVENANT_WEBHOOK_MAX_ATTEMPTS', 1, 100, 8);
  const webhookBackoffSeconds = integerIn(env, 'COVENANT_WEBHOOK_BACKOFF_SECONDS', 1, 86_400, 10);
  const url = env.COVENANT_WEBHOOK_URL || undefined;
  const secret = env.COVENANT_WEBHOOK_SECRET || undefined;
  if (url === undefined) {
    if (secret !== undefined) throw new ConfigError('COVENANT_WEBHOOK_URL', 'an http:// or https:// URL (COVENANT_WEBHOOK_SECRET is set without it)', url);
    return { webhookMaxAttempts, webhookBackoffSeconds };
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new ConfigError('COVENANT_WEBHOOK_URL', 'an http:// or https:// URL', url);
  if (secret === undefined || secret.trim().length < 32) {
    throw new ConfigError('COVENANT_WEBHOOK_SECRET', 'a secret of at least 32 characters (required with COVENANT_WEBHOOK_URL)', secret === undefined ? undefined : '(hidden)');
  }
  return { webhookUrl: url, webhookSecret: SecretSetting.of(secret, '/', () => true), webhookMaxAttempts, webhookBackoffSeconds };
}
