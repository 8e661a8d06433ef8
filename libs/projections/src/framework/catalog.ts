import type { OpGenerator } from './executors';
import type { Projection } from './projection';
import { sqlOps as sql } from './sql-ops';
import { createTableDdl, Dialect } from './table';

export type ProjectionMode = 'inline' | 'async';

/**
 * One row per projection: the version its live tables were built by, the position they reflect (the
 * checkpoint), and an interrupted or running rebuild's progress, so that a rebuild resumes.
 *
 * Projections that advance together (the inline ones, every append) share a cohort: their checkpoint
 * is the cohort row's position, so an append moves one row rather than one per projection. Whatever
 * else sets a projection's position (catch-up, an async runner, a rebuild's swap) takes it out of its
 * cohort in the same statement. `position` as read here is always the effective one.
 */
export interface CatalogRow {
  name: string;
  version: number;
  position: number;
  mode: ProjectionMode;
  generation: string;
  updated_at: string;
  rebuild_version: number | null;
  rebuild_position: number | null;
  rebuild_generation: string | null;
  cohort: string | null;
}

/** The cohort of the projections an inline projector keeps current in every append. */
export const INLINE_COHORT = 'inline';

export function catalogDdl(dialect: Dialect): string[] {
  const big = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  return [
    `CREATE TABLE IF NOT EXISTS covenant_projections (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position ${big} NOT NULL, mode TEXT NOT NULL,
      generation TEXT NOT NULL, updated_at TEXT NOT NULL,
      rebuild_version INTEGER, rebuild_position ${big}, rebuild_generation TEXT, cohort TEXT)`,
    `CREATE TABLE IF NOT EXISTS covenant_cohorts (id TEXT PRIMARY KEY, position ${big} NOT NULL, updated_at TEXT NOT NULL)`,
  ];
}

/** Catalogs created before cohorts existed get the column (the table itself comes from catalogDdl). */
export function* migrateCatalog(dialect: Dialect): OpGenerator {
  if (dialect === 'postgres') return yield* sql.run('ALTER TABLE covenant_projections ADD COLUMN IF NOT EXISTS cohort TEXT');
  const has = yield* sql.get("SELECT 1 AS has FROM pragma_table_info('covenant_projections') WHERE name = 'cohort'");
  if (!has) yield* sql.run('ALTER TABLE covenant_projections ADD COLUMN cohort TEXT');
}

/** Every row with its effective position; used as is outside a transaction. */
export const CATALOG_SELECT = `SELECT p.name, p.version, COALESCE(c.position, p.position) AS position, p.mode, p.generation,
  COALESCE(c.updated_at, p.updated_at) AS updated_at, p.rebuild_version, p.rebuild_position, p.rebuild_generation, p.cohort
  FROM covenant_projections p LEFT JOIN covenant_cohorts c ON c.id = p.cohort`;

export const SHADOW_SUFFIX = '__next';

export function shadowNames(projections: readonly Projection[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of projections) for (const t of p.tables) names.set(t.name, `${t.name}${SHADOW_SUFFIX}`);
  return names;
}

export function* readCatalog(): OpGenerator<CatalogRow[]> {
  return yield* sql.all<CatalogRow>(CATALOG_SELECT);
}

export function* readRow(name: string, dialect: Dialect): OpGenerator<CatalogRow | undefined> {
  // FOR UPDATE: two runners of one projection (two processes) apply a batch one after the other.
  return yield* sql.get<CatalogRow>(`${CATALOG_SELECT} WHERE p.name = ?${dialect === 'postgres' ? ' FOR UPDATE OF p' : ''}`, [name]);
}

/** Sets the projections' own checkpoint, taking them out of any cohort. */
export function* setPosition(names: readonly string[], position: number, now: string): OpGenerator {
  if (names.length === 0) return;
  yield* sql.run(`UPDATE covenant_projections SET position = ?, updated_at = ?, cohort = NULL WHERE name IN (${names.map(() => '?').join(', ')})`, [
    position,
    now,
    ...names,
  ]);
}

/**
 * Makes `members` (all at `position`) the cohort's only members: those leaving keep their effective
 * position as their own, then the members join and the cohort row is set to `position`.
 */
export function* formCohort(cohort: string, members: readonly string[], position: number, now: string): OpGenerator {
  yield* sql.run(
    `UPDATE covenant_projections SET position = COALESCE((SELECT c.position FROM covenant_cohorts c WHERE c.id = ?), position),
     updated_at = COALESCE((SELECT c.updated_at FROM covenant_cohorts c WHERE c.id = ?), updated_at), cohort = NULL WHERE cohort = ?`,
    [cohort, cohort, cohort],
  );
  if (members.length === 0) return;
  yield* sql.run(`UPDATE covenant_projections SET cohort = ? WHERE name IN (${members.map(() => '?').join(', ')})`, [cohort, ...members]);
  yield* sql.run(
    'INSERT INTO covenant_cohorts (id, position, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at',
    [cohort, position, now],
  );
}

/** Advances every member of the cohort at once: the one write an inline append makes to the catalog. */
export function* advanceCohort(cohort: string, position: number, now: string): OpGenerator {
  yield* sql.run('UPDATE covenant_cohorts SET position = ?, updated_at = ? WHERE id = ?', [position, now, cohort]);
}

/** DDL for the projection's tables under the given names (live or shadow), dropping any leftovers first when asked. */
export function tablesDdl(p: Projection, dialect: Dialect, generation: string, names?: ReadonlyMap<string, string>, dropFirst = false): string[] {
  return p.tables.flatMap((t) => {
    const physical = names?.get(t.name) ?? t.name;
    return [...(dropFirst ? [`DROP TABLE IF EXISTS ${physical}`] : []), ...createTableDdl(t, physical, dialect, generation)];
  });
}
