import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The partnerships a caller may see on a list or a report, resolved from its token by the API's guard:
 * undefined means every partnership (admin, auditor), an array (possibly empty) only those. It travels
 * in its own field of each list query, never in the user's filter, so a query string cannot widen it.
 */
export type PartnershipScope = readonly string[] | undefined;

/**
 * Keeps only the rows of in-scope partnerships. Applied to the query every figure of a list or report
 * is computed from (items, counts, totals, cursors), so nothing of another partnership is read, not
 * even counted. An empty scope matches no row. Call it with `andWhere` semantics: a later `where()`
 * on the same builder would drop it.
 */
export function restrictToScope<R extends ObjectLiteral>(qb: SelectQueryBuilder<R>, scope: PartnershipScope, column = 't.partnership_id'): SelectQueryBuilder<R> {
  if (scope === undefined) return qb;
  if (scope.length === 0) return qb.andWhere('1 = 0');
  return qb.andWhere(`${column} IN (:...partnershipScope)`, { partnershipScope: [...new Set(scope)] });
}
