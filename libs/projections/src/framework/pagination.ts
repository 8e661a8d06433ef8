import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface SortKey {
  /** Column as the query builder knows it, e.g. `t.occurred_at`. */
  column: string;
  /** The row property holding the value (the column's name). */
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A cursor that was not produced by this API or no longer fits the query (400, REQUEST.INVALID_CURSOR). */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid for this list; start again without it');
    this.name = 'InvalidCursorError';
  }
}

function decode(cursor: string, width: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === width && values.every((v) => ['string', 'number'].includes(typeof v))) return values;
  } catch {
    // falls through to the typed error
  }
  throw new InvalidCursorError();
}

/**
 * Keyset pagination: the cursor holds the sort-key values of the last row, and the next page starts
 * strictly after them, so pages stay stable while rows are added. The last key must be unique.
 */
export async function paginate<R extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<R>,
  keys: readonly SortKey[],
  request: PageRequest,
  map: (row: R) => T,
): Promise<Page<T>> {
  const limit = Math.min(Math.max(request.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  if (request.cursor !== undefined) {
    const values = decode(request.cursor, keys.length);
    const params: Record<string, unknown> = {};
    const clauses = keys.map((key, i) => {
      const equalities = keys.slice(0, i).map((k, j) => `${k.column} = :c${j}`);
      params[`c${i}`] = values[i];
      return `(${[...equalities, `${key.column} ${key.direction === 'ASC' ? '>' : '<'} :c${i}`].join(' AND ')})`;
    });
    qb.andWhere(`(${clauses.join(' OR ')})`, params);
  }
  keys.forEach((key, i) => (i === 0 ? qb.orderBy(key.column, key.direction) : qb.addOrderBy(key.column, key.direction)));
  const rows = await qb.limit(limit + 1).getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify(keys.map((k) => last[k.field]))).toString('base64url') : null;
  return { items: page.map(map), nextCursor };
}
