/** What a rebuild lane's worker is given. */
export interface LaneWorkerData {
  /** The SQLite store's file, read for the log. */
  eventsFile: string;
  /** The lane's own file, where its shadow tables and their progress live until copied. */
  laneFile: string;
  /** Names of the lane's projections. */
  projections: string[];
  /** The rebuild generation of each, as the coordinator's catalog holds it. */
  generations: Record<string, string>;
  batchSize: number;
}

/** What the worker reports: each committed batch's last position, then every projection's position at the end. */
export type LaneMessage = { kind: 'progress'; position: number } | { kind: 'done'; events: number; positions: Record<string, number> };
