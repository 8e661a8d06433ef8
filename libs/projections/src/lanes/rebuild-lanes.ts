import { existsSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RebuildSupersededError, prepareShadows, progressMeter, rebuild, RebuildOptions, replayAndSwap, swapIn } from '../framework/rebuild';
import type { Projection } from '../framework/projection';
import type { Projector } from '../framework/projector';
import { SqliteReadModelDb } from '../framework/read-model-db';
import { shadowNames } from '../framework/catalog';
import type { LaneMessage, LaneWorkerData } from './lane-protocol';

export interface LaneRebuildOptions extends RebuildOptions {
  /** The SQLite store's file (the log a lane's worker reads). Without it the rebuild runs in one lane. */
  eventsFile?: string;
  /** 1 (everything in this thread) or 2 (a second lane in a worker thread). Default 2. */
  lanes?: number;
  /** Below this many events to replay the worker is not worth starting. Default 50,000. */
  minEvents?: number;
  /** Each lane's old-generation heap in MB (default 96). */
  laneHeapMb?: number;
  /** Told when a lane ran out of its heap and the rebuild goes on in one lane. */
  onLaneFailure?: (error: Error) => void;
}

/**
 * What replaying the log costs each projection, relative to the others: measured on the benchmark's
 * history, each projection rebuilt alone minus the reading of the log they all share, then adjusted
 * so that the two lanes of a 1,000,000-event rebuild end within about a second of each other (the
 * deadlines projection's contract states grow with the history, so it weighs more on a long log).
 */
const WEIGHTS: Readonly<Record<string, number>> = {
  deadlines: 27,
  timeline: 17,
  'sla-compliance': 15,
  'audit-trail': 11,
  'contract-state': 11,
  portfolio: 5,
  changes: 3,
  escalations: 2,
};
const DEFAULT_WEIGHT = 1;
/** One row per event: copying them out of a lane file would cost more than the lane saves. */
const STAYS_IN_MAIN = new Set(['audit-trail', 'timeline']);

const weightOf = (p: Projection): number => WEIGHTS[p.name] ?? DEFAULT_WEIGHT;

/**
 * The projections for the worker's lane: the heaviest that can move (a projection whose shadow tables
 * already hold progress in the store's database stays there), up to half of the total cost.
 */
export function planLanes(projections: readonly Projection[], inMain: ReadonlySet<string>): { main: Projection[]; worker: Projection[] } {
  const total = projections.reduce((sum, p) => sum + weightOf(p), 0);
  const movable = projections.filter((p) => !inMain.has(p.name) && !STAYS_IN_MAIN.has(p.name)).sort((a, b) => weightOf(b) - weightOf(a));
  const worker: Projection[] = [];
  let load = 0;
  for (const p of movable) {
    if (load + weightOf(p) > total / 2) continue;
    worker.push(p);
    load += weightOf(p);
  }
  return { main: projections.filter((p) => !worker.includes(p)), worker };
}

/** The lane file beside the store's file; one per store, resumed by the next rebuild if this one stops. */
export function laneFileOf(eventsFile: string): string {
  return `${eventsFile}.rebuild-lane`;
}

function removeLaneFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * A rebuild on the SQLite store that uses both cores. One SQLite file has one writer at a time, so the
 * projections are split into two lanes of about equal cost, each replayed from the log by a worker
 * thread with a bounded heap: one into shadow tables in the store's database, as `rebuild` does, the
 * other into a lane file of its own. Each lane commits its progress with every batch; when both have
 * reached the end of the log (and exited), the lane file's tables are copied into the store's database
 * in one transaction that also records their positions, and the swap is the usual one. Interrupted, it
 * resumes: a projection whose progress is in the store's database continues there, one whose progress
 * is in the lane file (same generation) continues in the lane file.
 *
 * Anything else (PostgreSQL, one projection, a short log, `lanes: 1`) is the one-lane `rebuild`.
 */
export async function rebuildInLanes(projector: Projector, projections: readonly Projection[], options: LaneRebuildOptions = {}): Promise<number> {
  const { db } = projector;
  const lanes = options.lanes ?? 2;
  if (lanes < 2 || !options.eventsFile || !(db instanceof SqliteReadModelDb) || projections.length < 2) return rebuild(projector, projections, options);
  const laneFile = laneFileOf(options.eventsFile);
  if (options.fresh) removeLaneFile(laneFile);

  const generations = await prepareShadows(projector, projections, options);
  const rows = new Map((await projector.catalog()).map((r) => [r.name, r]));
  const positionOf = (p: Projection): number => Number(rows.get(p.name)?.rebuild_position ?? 0);
  const head = await projector.store.headPosition();
  const from = Math.min(...projections.map(positionOf));
  const plan = planLanes(projections, new Set(projections.filter((p) => positionOf(p) > 0).map((p) => p.name)));
  if (plan.worker.length === 0 || head - from < (options.minEvents ?? 50_000)) {
    removeLaneFile(laneFile);
    return replayAndSwap(projector, projections, generations, options.onProgress);
  }

  const meter = progressMeter(head, options.onProgress);
  const reached = { main: from, worker: from };
  const report = (): void => {
    const position = Math.min(reached.main, reached.worker);
    meter(position, position - from);
  };
  const lane = (projections: readonly Projection[], file: string): LaneWorkerData => ({
    eventsFile: options.eventsFile as string,
    laneFile: file,
    projections: projections.map((p) => p.name),
    generations: Object.fromEntries(projections.map((p) => [p.name, generations.get(p.name) as string])),
    batchSize: projector.batchSize,
  });
  // Both lanes run in workers, each with a bounded heap: this thread only waits, copies and swaps.
  const heapMb = options.laneHeapMb ?? LANE_OLD_MB;
  const mainLane = startLane(lane(plan.main, options.eventsFile), heapMb, (position) => {
    reached.main = position;
    report();
  });
  const workerLane = startLane(lane(plan.worker, laneFile), heapMb, (position) => {
    reached.worker = position;
    report();
  });
  let results: [LaneResult, LaneResult];
  try {
    results = await Promise.all([mainLane.done, workerLane.done]);
  } catch (error) {
    await Promise.all([mainLane.stop(), workerLane.stop()]);
    if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
    // A lane outgrew its heap (an unusually large contract state): this thread, whose heap is not
    // bounded, finishes in one lane, resuming what the store's database already holds.
    options.onLaneFailure?.(error as Error);
    removeLaneFile(laneFile);
    return rebuild(projector, projections, { ...options, fresh: false });
  }
  await copyLane(db, laneFile, plan.worker, generations, results[1].positions);
  removeLaneFile(laneFile);
  await swapIn(projector, projections, generations);
  return Math.max(results[0].events, results[1].events);
}

interface LaneResult {
  events: number;
  positions: Record<string, number>;
}

/**
 * Each lane's heap. Unbounded, V8 lets two busy heaps grow far past what they hold (each lane holds
 * about 50 MB live on the benchmark's history, measured): two lanes in one process then peaked near
 * 500 MB. Bounded, a rebuild of a million events peaks at about 245 MB of RSS, whether the bound is
 * 80, 96 or 128 MB (same speed too); 96 keeps the worst case, both heaps full, near the 300 MB bar. A
 * lane that runs out of it is not fatal: see `rebuildInLanes`.
 */
const LANE_OLD_MB = 96;
const LANE_YOUNG_MB = 8;

function workerScript(): { file: string; execArgv?: string[] } {
  const ext = extname(__filename);
  const file = join(__dirname, `rebuild-lane.worker${ext}`);
  // From the TypeScript sources (tests, ts-node style runs) the worker needs the same transpiler.
  return ext === '.ts' ? { file, execArgv: ['-r', '@swc-node/register'] } : { file };
}

function startLane(data: LaneWorkerData, heapMb: number, onProgress: (position: number) => void): { done: Promise<LaneResult>; stop(): Promise<void> } {
  const script = workerScript();
  if (!existsSync(script.file)) throw new Error(`rebuild lane worker not found at ${script.file}`);
  const worker = new Worker(script.file, { workerData: data, execArgv: script.execArgv, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: LANE_YOUNG_MB } });
  let result: LaneResult | undefined;
  let exited = false;
  // Settled once the worker has exited, its connections closed: only then are its files copied or removed.
  const done = new Promise<LaneResult>((resolve, reject) => {
    worker.on('message', (message: LaneMessage) => {
      if (message.kind === 'progress') onProgress(message.position);
      else result = { events: message.events, positions: message.positions };
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      exited = true;
      if (result && code === 0) resolve(result);
      else reject(new Error(`rebuild lane worker exited with code ${code} before the end of the log`));
    });
  });
  done.catch(() => undefined); // observed through Promise.all; never an unhandled rejection
  return {
    done,
    stop: async () => {
      if (!exited) await worker.terminate();
    },
  };
}

/**
 * Copies the worker lane's shadow tables into the store's database and records their positions, in
 * one transaction, after checking that no other rebuild has taken the projections over since.
 */
async function copyLane(
  db: SqliteReadModelDb,
  laneFile: string,
  projections: readonly Projection[],
  generations: ReadonlyMap<string, string>,
  positions: Record<string, number>,
): Promise<void> {
  const names = shadowNames(projections);
  db.db.prepare('ATTACH DATABASE ? AS lane').run(laneFile);
  try {
    db.db
      .transaction(() => {
        for (const p of projections) {
          const row = db.db.prepare('SELECT rebuild_generation FROM main.covenant_projections WHERE name = ?').get(p.name) as { rebuild_generation: string | null } | undefined;
          if (!row || row.rebuild_generation !== generations.get(p.name)) throw new RebuildSupersededError(p.name);
          for (const t of p.tables) {
            const shadow = names.get(t.name) as string;
            const columns = t.columns.map((c) => c.name).join(', ');
            db.db.exec(`DELETE FROM main.${shadow}`);
            db.db.exec(`INSERT INTO main.${shadow} (${columns}) SELECT ${columns} FROM lane.${shadow}`);
          }
          db.db.prepare('UPDATE main.covenant_projections SET rebuild_position = ? WHERE name = ?').run(positions[p.name] ?? 0, p.name);
        }
      })
      .immediate();
  } finally {
    db.db.exec('DETACH DATABASE lane');
  }
}
