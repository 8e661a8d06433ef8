import type { OpGenerator } from './executors';
import type { Projection } from './projection';
import { sqlOps as sql } from './sql-ops';
import { createTableDdl, Dialect } from './table';

export type ProjectionMode = 'inline' | 'async';

/**
 * One row per projection: the version its live tables were built by, the position they reflect (the
 * checkpoint), and an interrupted or running rebuild's progress, so that a rebuild resumes.
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
}

export function catalogDdl(dialect: Dialect): string[] {
  const big = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  return [
    `CREATE TABLE IF NOT EXISTS covenant_projections (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position ${big} NOT NULL, mode TEXT NOT NULL,
      generation TEXT NOT NULL, updated_at TEXT NOT NULL,
      rebuild_version INTEGER, rebuild_position ${big}, rebuild_generation TEXT)`,
  ];
}

export const SHADOW_SUFFIX = '__next';

export function shadowNames(projections: readonly Projection[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of projections) for (const t of p.tables) names.set(t.name, `${t.name}${SHADOW_SUFFIX}`);
  return names;
}

export function* readCatalog(): OpGenerator<CatalogRow[]> {
  return yield* sql.all<CatalogRow>('SELECT * FROM covenant_projections');
}

export function* readRow(name: string, dialect: Dialect): OpGenerator<CatalogRow | undefined> {
  // FOR UPDATE: two runners of one projection (two processes) apply a batch one after the other.
  return yield* sql.get<CatalogRow>(`SELECT * FROM covenant_projections WHERE name = ?${dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [name]);
}

export function* setPosition(names: readonly string[], position: number, now: string): OpGenerator {
  if (names.length === 0) return;
  yield* sql.run(`UPDATE covenant_projections SET position = ?, updated_at = ? WHERE name IN (${names.map(() => '?').join(', ')})`, [
    position,
    now,
    ...names,
  ]);
}

/** DDL for the projection's tables under the given names (live or shadow), dropping any leftovers first when asked. */
export function tablesDdl(p: Projection, dialect: Dialect, generation: string, names?: ReadonlyMap<string, string>, dropFirst = false): string[] {
  return p.tables.flatMap((t) => {
    const physical = names?.get(t.name) ?? t.name;
    return [...(dropFirst ? [`DROP TABLE IF EXISTS ${physical}`] : []), ...createTableDdl(t, physical, dialect, generation)];
  });
}
