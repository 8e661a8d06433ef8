/** One SQL operation a projection yields; the runner executes it and sends back the result. */
export type SqlOp =
  | { op: 'run'; sql: string; params: readonly unknown[] }
  | { op: 'get'; sql: string; params: readonly unknown[] }
  | { op: 'all'; sql: string; params: readonly unknown[] };

/**
 * The operations a projection may yield. Each is a tiny generator so that `yield*` returns a typed
 * row: `const row = yield* sql.get<Row>('SELECT … FROM {t} WHERE id = ?', [id])`.
 */
export interface SqlOps {
  run(sql: string, params?: readonly unknown[]): Generator<SqlOp, void, unknown>;
  get<T>(sql: string, params?: readonly unknown[]): Generator<SqlOp, T | undefined, unknown>;
  all<T>(sql: string, params?: readonly unknown[]): Generator<SqlOp, T[], unknown>;
}

export const sqlOps: SqlOps = {
  *run(sql, params = []) {
    yield { op: 'run', sql, params };
  },
  *get<T>(sql: string, params: readonly unknown[] = []): Generator<SqlOp, T | undefined, unknown> {
    return (yield { op: 'get', sql, params }) as T | undefined;
  },
  *all<T>(sql: string, params: readonly unknown[] = []): Generator<SqlOp, T[], unknown> {
    return (yield { op: 'all', sql, params }) as T[];
  },
};
