import { Pool, PoolConfig } from 'pg';

/**
 * Every PostgreSQL pool of the engine comes from here. A pool re-emits the error of an idle client the
 * server dropped (restart, failover, `pg_terminate_backend`, `DROP DATABASE … WITH (FORCE)`); without a
 * listener Node turns that into an uncaught exception that ends the process. The pool has already
 * discarded that client and opens a new one on the next checkout, so the error is reported, not fatal.
 * (`pool.end()` resolves before its clients' sockets have closed, so this also happens at shutdown.)
 */
export function createPgPool(config: PoolConfig, onIdleError: (error: Error) => void = () => undefined): Pool {
  const pool = new Pool(config);
  pool.on('error', onIdleError);
  return pool;
}
