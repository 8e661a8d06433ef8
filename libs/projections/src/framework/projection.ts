import type { EventEnvelope } from '@covenant/event-store';
import type { ReadModelTable } from './table';
import type { SqlOp, SqlOps } from './sql-ops';

export type { SqlOp } from './sql-ops';

/**
 * An event as a projection sees it: the stored envelope with its payload upcast to the current
 * schema version, and `occurredAt` lifted from the metadata for convenience.
 */
export interface ProjectedEvent<TData = Record<string, unknown>> {
  position: number;
  streamId: string;
  version: number;
  id: string;
  type: string;
  data: TData;
  occurredAt: string;
  recordedAt: string;
  envelope: EventEnvelope;
}

/**
 * A read model's writer. `apply` is a generator so that one body runs synchronously inside a SQLite
 * transaction (better-sqlite3 transactions cannot await) and asynchronously on PostgreSQL: it yields
 * SQL operations (`yield* sql.get(...)`, `yield* sql.run(...)`) and the runner executes them.
 *
 * Tables are named in SQL as `{table_name}`; the runner substitutes the physical name, which is the
 * shadow table during a rebuild. Every write must be idempotent for an event already applied (the
 * same events twice give the same rows): insert with ON CONFLICT, and guard updates with the row's
 * last applied position where the update is not absolute.
 */
export interface Projection {
  /** Stable name, also the checkpoint key, e.g. `contract-state`. */
  readonly name: string;
  /** Bump when the tables or the logic change: the projection rebuilds itself at start-up. */
  readonly version: number;
  /** Event types it reads; other events never reach `apply`. */
  readonly handles: readonly string[];
  /** The tables it owns and alone writes. */
  readonly tables: readonly ReadModelTable[];
  apply(event: ProjectedEvent, sql: SqlOps): Generator<SqlOp, void, unknown>;
}

export function handlesType(projection: Projection): (type: string) => boolean {
  const set = new Set(projection.handles);
  return (type) => set.has(type);
}
