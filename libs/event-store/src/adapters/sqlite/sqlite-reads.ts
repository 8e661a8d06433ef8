import type { EventEnvelope, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../../envelope';
import type { LogPage } from './paged-subscription';
import { filterShape, pageParams, toEnvelope, type EventRow, type FilterShape, type SqliteStatements } from './sqlite-rows';

/** Rows per query: large enough to amortise the statement, small enough that memory stays flat. */
export const PAGE_SIZE = 500;

/**
 * The inclusive version range [fromVersion, toVersion] in the given direction; `limit` counts from
 * the start of that direction (backwards with limit 3 gives the last three events, newest first).
 */
export async function* readStreamPages(
  s: SqliteStatements,
  streamId: string,
  o: ReadStreamOptions,
  assertOpen: () => void,
): AsyncGenerator<EventEnvelope> {
  let lo = o.fromVersion ?? 0;
  let hi = o.toVersion ?? Number.MAX_SAFE_INTEGER;
  let remaining = o.limit ?? Number.POSITIVE_INFINITY;
  const backwards = o.direction === 'backwards';
  while (remaining > 0 && lo <= hi) {
    assertOpen();
    const take = Math.min(PAGE_SIZE, remaining);
    const rows = (backwards ? s.streamBackwards : s.streamForwards).all(streamId, lo, hi, take) as EventRow[];
    for (const row of rows) yield toEnvelope(row);
    if (rows.length < take) return;
    remaining -= rows.length;
    const lastVersion = rows[rows.length - 1].version;
    if (backwards) hi = lastVersion - 1;
    else lo = lastVersion + 1;
  }
}

/** The log after `after`, up to the head as it was when reading began (a concurrent append never makes it endless). */
export async function* readAllPages(s: SqliteStatements, o: ReadAllOptions, assertOpen: () => void): AsyncGenerator<EventEnvelope> {
  assertOpen();
  const shape = filterShape(o.categories, o.types);
  const upTo = s.headPosition.get() as number;
  let after = o.after ?? 0;
  let remaining = o.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0 && after < upTo) {
    assertOpen();
    const take = Math.min(PAGE_SIZE, remaining);
    const rows = s.allPage[shape].all(...pageParams(after, upTo, take, o.categories, o.types)) as EventRow[];
    for (const row of rows) yield toEnvelope(row);
    if (rows.length < take) return;
    remaining -= rows.length;
    after = rows[rows.length - 1].position;
  }
}

/**
 * One subscription page, cut at the head read first: every position up to the head is committed
 * (positions are assigned under the single write lock), so nothing below the cut can appear later.
 */
export function subscriptionPage(s: SqliteStatements, shape: FilterShape, after: number, o: SubscribeOptions): LogPage {
  const head = s.headPosition.get() as number;
  if (head <= after) return { events: [], scannedTo: after };
  const rows = s.allPage[shape].all(...pageParams(after, head, PAGE_SIZE, o.categories, o.types)) as EventRow[];
  const scannedTo = rows.length === PAGE_SIZE ? rows[rows.length - 1].position : head;
  return { events: rows.map(toEnvelope), scannedTo };
}
