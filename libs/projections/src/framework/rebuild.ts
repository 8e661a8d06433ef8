import { CatalogRow, readCatalog, shadowNames, SHADOW_SUFFIX, tablesDdl } from './catalog';
import type { OpGenerator } from './executors';
import type { Projection } from './projection';
import { newGeneration, Projector } from './projector';
import { sqlOps as sql } from './sql-ops';

export interface RebuildProgress {
  position: number;
  head: number;
  events: number;
  eventsPerSec: number;
  etaSeconds: number | null;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  /** Start over even when an interrupted rebuild of the same version could resume. */
  fresh?: boolean;
}

export class RebuildSupersededError extends Error {
  constructor(name: string) {
    super(`The rebuild of ${name} was taken over by another rebuild`);
  }
}

/**
 * Rebuilds projections from the log into shadow tables, then swaps them in, so the live tables keep
 * answering queries throughout. Progress is committed with every batch (`rebuild_position`), so an
 * interrupted rebuild resumes where it stopped. The log is read once for all the projections.
 */
export async function rebuild(projector: Projector, projections: readonly Projection[], options: RebuildOptions = {}): Promise<number> {
  const generations = await prepareShadows(projector, projections, options);
  return replayAndSwap(projector, projections, generations, options.onProgress);
}

/** The one-lane rebuild once the shadow tables are prepared: replay to the end of the log, then swap in. */
export async function replayAndSwap(
  projector: Projector,
  projections: readonly Projection[],
  generations: ReadonlyMap<string, string>,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<number> {
  const head = await projector.store.headPosition();
  const done = await replayIntoShadows(projector, projections, generations, progressMeter(head, onProgress));
  await swapIn(projector, projections, generations);
  return done;
}

/**
 * Creates (or, unless `fresh`, keeps for resuming) each projection's shadow tables and returns the
 * rebuild generation of each. A generation given in `forced` is used as is: a lane of a rebuild
 * (rebuild-lanes.ts) resumes only the shadow tables of the generation its coordinator holds.
 */
export async function prepareShadows(
  projector: Projector,
  projections: readonly Projection[],
  options: { fresh?: boolean; forced?: ReadonlyMap<string, string> } = {},
): Promise<Map<string, string>> {
  const { db } = projector;
  const rows = new Map((await projector.catalog()).map((r) => [r.name, r]));
  const generations = new Map<string, string>();
  const names = shadowNames(projections);
  for (const p of projections) {
    const row = rows.get(p.name);
    const forced = options.forced?.get(p.name);
    if (!options.fresh && row && canResume(row, p) && (forced === undefined || row.rebuild_generation === forced)) {
      generations.set(p.name, row.rebuild_generation as string);
      continue;
    }
    const generation = forced ?? newGeneration(new Date(Date.parse(projector.timestamp()) + generations.size));
    generations.set(p.name, generation);
    await db.transact(() => startShadow(projector, p, generation, names), { schemaLock: true });
  }
  return generations;
}

/** Reports progress as positions go by: events/s since the start and the ETA to `head`. */
export function progressMeter(head: number, onProgress?: (progress: RebuildProgress) => void): (position: number, events: number) => void {
  const startedAt = Date.now();
  return (position, events) => {
    const seconds = (Date.now() - startedAt) / 1000;
    const eventsPerSec = seconds > 0 ? Math.round(events / seconds) : 0;
    const remaining = Math.max(0, head - position);
    onProgress?.({ position, head, events, eventsPerSec, etaSeconds: eventsPerSec > 0 ? remaining / eventsPerSec : null });
  };
}

/**
 * Applies the log to the shadow tables in batches, each batch and its `rebuild_position` in one
 * transaction, from the least advanced projection to the end of the log. Returns the events read.
 */
export async function replayIntoShadows(
  projector: Projector,
  projections: readonly Projection[],
  generations: ReadonlyMap<string, string>,
  onBatch?: (position: number, events: number) => void,
): Promise<number> {
  const names = shadowNames(projections);
  let done = 0;
  let from = Math.min(...(await positionsOf(projector, projections)).values());
  for (;;) {
    const events = await projector.readBatch(from, projector.batchSize * 2);
    if (events.length === 0) break;
    await projector.db.transact(() => shadowBatch(projector, projections, generations, events), { names });
    done += events.length;
    from = events[events.length - 1].position;
    onBatch?.(from, done);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}

/** Swaps the shadow tables in under the append lock, then brings the projections to the head. */
export async function swapIn(projector: Projector, projections: readonly Projection[], generations: ReadonlyMap<string, string>): Promise<void> {
  await projector.db.transact(() => swap(projector, projections, generations), { lockAppends: true, schemaLock: true });
  await projector.catchUp(projections);
}

function canResume(row: CatalogRow, p: Projection): boolean {
  return row.rebuild_version === p.version && row.rebuild_generation !== null && row.rebuild_position !== null;
}

function* startShadow(projector: Projector, p: Projection, generation: string, names: ReadonlyMap<string, string>): OpGenerator {
  for (const ddl of tablesDdl(p, projector.db.dialect, generation, names, true)) yield* sql.run(ddl);
  yield* sql.run('UPDATE covenant_projections SET rebuild_version = ?, rebuild_position = 0, rebuild_generation = ? WHERE name = ?', [
    p.version,
    generation,
    p.name,
  ]);
}

export async function positionsOf(projector: Projector, projections: readonly Projection[]): Promise<Map<string, number>> {
  const rows = new Map((await projector.catalog()).map((r) => [r.name, r]));
  return new Map(projections.map((p) => [p.name, Number(rows.get(p.name)?.rebuild_position ?? 0)]));
}

function* shadowBatch(projector: Projector, projections: readonly Projection[], generations: ReadonlyMap<string, string>, events: Parameters<Projector['dispatcher']['apply']>[0]): OpGenerator {
  const rows = new Map((yield* readCatalog()).map((r) => [r.name, r]));
  const after = new Map<string, number>();
  for (const p of projections) {
    const row = rows.get(p.name);
    if (!row || row.rebuild_generation !== generations.get(p.name)) throw new RebuildSupersededError(p.name);
    after.set(p.name, Number(row.rebuild_position));
  }
  yield* projector.dispatcher.apply(events, new Set(projections), after, projector.canonicalReads);
  const last = events[events.length - 1].position;
  for (const p of projections) {
    if ((after.get(p.name) ?? 0) >= last) continue;
    yield* sql.run('UPDATE covenant_projections SET rebuild_position = ? WHERE name = ?', [last, p.name]);
  }
}

/** Under the append lock: the shadow tables replace the live ones, and the checkpoint becomes the rebuild's. */
function* swap(projector: Projector, projections: readonly Projection[], generations: ReadonlyMap<string, string>): OpGenerator {
  const rows = new Map((yield* readCatalog()).map((r) => [r.name, r]));
  for (const p of projections) {
    const row = rows.get(p.name);
    if (!row || row.rebuild_generation !== generations.get(p.name)) throw new RebuildSupersededError(p.name);
    for (const t of p.tables) {
      yield* sql.run(`DROP TABLE IF EXISTS ${t.name}`);
      yield* sql.run(`ALTER TABLE ${t.name}${SHADOW_SUFFIX} RENAME TO ${t.name}`);
    }
    yield* sql.run(
      `UPDATE covenant_projections SET version = rebuild_version, position = rebuild_position, generation = rebuild_generation,
       updated_at = ?, rebuild_version = NULL, rebuild_position = NULL, rebuild_generation = NULL, cohort = NULL WHERE name = ?`,
      [projector.timestamp(), p.name],
    );
  }
}
