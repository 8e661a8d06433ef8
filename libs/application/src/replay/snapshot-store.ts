import type { SqlSession } from '../sql/sql-session';

/** One event a replay applied, compact in a snapshot row: [position, type, occurredAt, recordedAt]. */
export type AppliedTuple = [position: number, type: string, occurredAt: string, recordedAt: string];

/**
 * One snapshot: the state after folding every event of versions 0..version (unfiltered), plus what an
 * as-of/known-at replay needs to decide whether it may start from it, or skip the segment of events
 * fromVersion..version entirely. Watermarks: `max*` over the whole prefix 0..version (a snapshot is
 * usable only if every event in it would have been applied), `min*` over this segment only (a segment
 * none of whose events can be applied is never read).
 */
export interface SnapshotHeader {
  fromVersion: number;
  version: number;
  position: number;
  /** Hash of the event at `version`: the next event's prevHash must equal it, or the stream was rewritten. */
  lastHash: string;
  maxOccurredAt: string;
  maxRecordedAt: string;
  minOccurredAt: string;
  minRecordedAt: string;
}

export interface SnapshotRow<S> extends SnapshotHeader {
  applied: AppliedTuple[];
  state: S;
}

export const SNAPSHOTS_DDL = `CREATE TABLE IF NOT EXISTS covenant_snapshots (
  stream_id TEXT NOT NULL,
  decider_version TEXT NOT NULL,
  from_version INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position BIGINT NOT NULL,
  last_hash TEXT NOT NULL,
  max_occurred_at TEXT NOT NULL,
  max_recorded_at TEXT NOT NULL,
  min_occurred_at TEXT NOT NULL,
  min_recorded_at TEXT NOT NULL,
  applied TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (stream_id, decider_version, version)
)`;

interface HeaderRow {
  from_version: number | string;
  version: number | string;
  position: number | string;
  last_hash: string;
  max_occurred_at: string;
  max_recorded_at: string;
  min_occurred_at: string;
  min_recorded_at: string;
}

const HEADER = 'from_version, version, position, last_hash, max_occurred_at, max_recorded_at, min_occurred_at, min_recorded_at';

/**
 * Snapshots of stream folds in the store's own database. A cache only: rows of another decider
 * version are never read, a gap in the chain ends it, and nothing here is used by integrity checks.
 */
export class SnapshotStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly sql: SqlSession) {}

  private schema(): Promise<void> {
    this.ready ??= this.sql.exec(SNAPSHOTS_DDL);
    return this.ready;
  }

  /** The contiguous chain of snapshots from version 0 (a chain with a gap stops before the gap). */
  async headers(streamId: string, deciderVersion: string): Promise<SnapshotHeader[]> {
    await this.schema();
    const rows = await this.sql.all<HeaderRow>(
      `SELECT ${HEADER} FROM covenant_snapshots WHERE stream_id = ? AND decider_version = ? ORDER BY version`,
      [streamId, deciderVersion],
    );
    const chain: SnapshotHeader[] = [];
    for (const r of rows) {
      const h: SnapshotHeader = {
        fromVersion: Number(r.from_version),
        version: Number(r.version),
        position: Number(r.position),
        lastHash: r.last_hash,
        maxOccurredAt: r.max_occurred_at,
        maxRecordedAt: r.max_recorded_at,
        minOccurredAt: r.min_occurred_at,
        minRecordedAt: r.min_recorded_at,
      };
      if (h.fromVersion !== (chain.length === 0 ? 0 : chain[chain.length - 1].version + 1)) break;
      chain.push(h);
    }
    return chain;
  }

  /** The applied lists of the segments up to `version`, and the state at `version`. */
  async load<S>(streamId: string, deciderVersion: string, version: number): Promise<{ applied: AppliedTuple[]; state: S }> {
    await this.schema();
    const rows = await this.sql.all<{ applied: string; state: string | null; version: number | string }>(
      `SELECT applied, CASE WHEN version = ? THEN state ELSE NULL END AS state, version FROM covenant_snapshots
       WHERE stream_id = ? AND decider_version = ? AND version <= ? ORDER BY version`,
      [version, streamId, deciderVersion, version],
    );
    const applied: AppliedTuple[] = [];
    let state: string | null = null;
    for (const r of rows) {
      for (const t of JSON.parse(r.applied) as AppliedTuple[]) applied.push(t);
      if (Number(r.version) === version) state = r.state;
    }
    if (state === null) throw new Error(`snapshot ${streamId}@${version} vanished`);
    return { applied, state: JSON.parse(state) as S };
  }

  /** Idempotent: a snapshot another process wrote first is kept (both are the same fold). */
  async save<S>(streamId: string, deciderVersion: string, row: SnapshotRow<S>): Promise<void> {
    await this.schema();
    await this.sql.run(
      `INSERT INTO covenant_snapshots (stream_id, decider_version, ${HEADER}, applied, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        streamId, deciderVersion, row.fromVersion, row.version, row.position, row.lastHash,
        row.maxOccurredAt, row.maxRecordedAt, row.minOccurredAt, row.minRecordedAt,
        JSON.stringify(row.applied), JSON.stringify(row.state),
      ],
    );
  }

  /** Drops every snapshot of a stream (tests, or after an operator repaired a stream). */
  async clear(streamId: string): Promise<void> {
    await this.schema();
    await this.sql.run('DELETE FROM covenant_snapshots WHERE stream_id = ?', [streamId]);
  }
}
